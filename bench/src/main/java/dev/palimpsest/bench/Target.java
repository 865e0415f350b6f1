package dev.palimpsest.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * What a figure of {@code bench compare} must reach (issue M7, "How it is judged"): a bound on Palimpsest's own value
 * (e.g. at most 4 KB a revision, p99 at most 2 ms) or on its ratio to the anchor (e.g. at most 6× git's time, at
 * least half the raw producer's MB/s), or none (a figure reported for the record).
 */
record Target(Kind kind, double bound, String unit) {

    enum Kind {
        /** Palimpsest ÷ anchor at most the bound: sizes and times. */
        RATIO_AT_MOST,
        /** Palimpsest ÷ anchor at least the bound: throughputs. */
        RATIO_AT_LEAST,
        /** Palimpsest's own value at most the bound. */
        VALUE_AT_MOST,
        /** Palimpsest's own value at least the bound. */
        VALUE_AT_LEAST,
        NONE
    }

    static final Target NONE = new Target(Kind.NONE, 0, "");

    static Target ratioAtMost(double bound) {
        return new Target(Kind.RATIO_AT_MOST, bound, "");
    }

    static Target ratioAtLeast(double bound) {
        return new Target(Kind.RATIO_AT_LEAST, bound, "");
    }

    static Target atMost(double bound, String unit) {
        return new Target(Kind.VALUE_AT_MOST, bound, unit);
    }

    static Target atLeast(double bound, String unit) {
        return new Target(Kind.VALUE_AT_LEAST, bound, unit);
    }

    /**
     * Whether the target is met; empty when there is none or the figure it needs was not measured (a ratio needs
     * both sides).
     */
    Optional<Boolean> metBy(Double palimpsest, Double ratio) {
        return switch (kind) {
            case RATIO_AT_MOST -> ratio == null ? Optional.empty() : Optional.of(ratio <= bound);
            case RATIO_AT_LEAST -> ratio == null ? Optional.empty() : Optional.of(ratio >= bound);
            case VALUE_AT_MOST -> palimpsest == null ? Optional.empty() : Optional.of(palimpsest <= bound);
            case VALUE_AT_LEAST -> palimpsest == null ? Optional.empty() : Optional.of(palimpsest >= bound);
            case NONE -> Optional.empty();
        };
    }

    /** As the table's target column says it: {@code ≤ 6×}, {@code ≥ 0.5×}, {@code ≤ 2 ms}, {@code ≥ 20,000 /s}. */
    String describe() {
        return switch (kind) {
            case RATIO_AT_MOST -> "≤ " + Comparison.number(bound) + "×";
            case RATIO_AT_LEAST -> "≥ " + Comparison.number(bound) + "×";
            case VALUE_AT_MOST -> "≤ " + Comparison.number(bound) + suffix();
            case VALUE_AT_LEAST -> "≥ " + Comparison.number(bound) + suffix();
            case NONE -> "–";
        };
    }

    private String suffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", kind, describe());
    }
}
