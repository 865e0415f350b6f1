package dev.palimpsest.problem;

/**
 * One kind of error a service reports. Each service keeps its kinds in one enum implementing this; the
 * {@link #slug()} becomes the stable {@code type} URI clients can switch on.
 */
public interface ProblemKind {

    /** Base of every problem type URI. */
    String TYPE_BASE = "https://palimpsest.dev/problems/";

    /**
     * What a kind of error says about itself.
     *
     * @param slug   short, stable, kebab-case name, e.g. {@code invalid-timestamp}
     * @param status the HTTP status this kind of error is answered with
     * @param title  a short human summary that does not change from occurrence to occurrence
     */
    record Spec(String slug, int status, String title) {
    }

    Spec spec();

    default String slug() {
        return spec().slug();
    }

    default int status() {
        return spec().status();
    }

    default String title() {
        return spec().title();
    }

    default String type() {
        return TYPE_BASE + slug();
    }
}
