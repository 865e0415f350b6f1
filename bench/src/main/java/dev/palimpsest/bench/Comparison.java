package dev.palimpsest.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One row of {@code bench compare}'s table: a figure as Palimpsest reaches it beside the same figure of its anchor
 * (git, a raw Kafka producer, raw JDBC) measured in the same run, their ratio, and the target.
 *
 * @param palimpsest Palimpsest's value in {@code unit}; null when not measured (the row says why in {@code note})
 * @param anchor     the anchor's value in the same unit; null when the figure has no anchor or it was not measured
 * @param anchorName what the anchor is, e.g. {@code git gc --aggressive pack}
 * @param note       what limits or explains the figure; may be empty
 */
record Comparison(String figure, Double palimpsest, Double anchor, String unit, String anchorName, Target target,
                  String note) {

    static Comparison of(String figure, Double palimpsest, Double anchor, String unit, String anchorName,
                         Target target) {
        return new Comparison(figure, palimpsest, anchor, unit, anchorName, target, "");
    }

    /** A figure that could not be measured in this run, and why. */
    static Comparison missing(String figure, String anchorName, Target target, String why) {
        return new Comparison(figure, null, null, "", anchorName, target, why);
    }

    Comparison withNote(String newNote) {
        return new Comparison(figure, palimpsest, anchor, unit, anchorName, target, newNote);
    }

    /** Palimpsest ÷ anchor; empty without both, or with an anchor of zero. */
    Optional<Double> ratio() {
        if (palimpsest == null || anchor == null || anchor == 0) {
            return Optional.empty();
        }
        return Optional.of(palimpsest / anchor);
    }

    Optional<Boolean> met() {
        return target.metBy(palimpsest, ratio().orElse(null));
    }

    /** Three significant digits or so, with thousands separators: {@code 33,820}, {@code 61.4}, {@code 0.76}. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f"
                : magnitude == 0 ? "%.0f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    String palimpsestText() {
        return palimpsest == null ? "not measured" : withUnit(palimpsest);
    }

    String anchorText() {
        if (anchor == null) {
            return anchorName.isEmpty() ? "–" : anchorName + ": not measured";
        }
        return withUnit(anchor) + (anchorName.isEmpty() ? "" : " (" + anchorName + ")");
    }

    String ratioText() {
        return ratio().map(r -> number(r) + "×").orElse("–");
    }

    String metText() {
        return met().map(yes -> yes ? "yes" : "**no**").orElse("–");
    }

    private String withUnit(double value) {
        return number(value) + (unit.isEmpty() ? "" : " " + unit);
    }
}
