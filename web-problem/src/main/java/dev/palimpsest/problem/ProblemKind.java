package dev.palimpsest.problem;

/**
 * One kind of error a service reports. Each service keeps its kinds in one enum implementing this; the
 * {@link #slug()} becomes the stable {@code type} URI clients can switch on.
 */
public interface ProblemKind {

    /** Base of every problem type URI. */
    String TYPE_BASE = "https://palimpsest.dev/problems/";

    /** Short, stable, kebab-case name, e.g. {@code invalid-timestamp}. */
    String slug();

    /** The HTTP status this kind of error is answered with. */
    int status();

    /** A short human summary that does not change from occurrence to occurrence. */
    String title();

    default String type() {
        return TYPE_BASE + slug();
    }
}
