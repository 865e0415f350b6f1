package dev.palimpsest.archive;

import dev.palimpsest.problem.ProblemKind;

/** Every kind of error archive-service answers with, each with a stable problem type URI. */
public enum ArchiveProblem implements ProblemKind {
    ARTICLE_NOT_FOUND("article-not-found", 404, "Article not found"),
    INVALID_ARTICLE_KEY("invalid-article-key", 400, "Invalid article key"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    DEAD_LETTERS_UNAVAILABLE("dead-letters-unavailable", 503, "Dead-letter topics unavailable");

    private final Spec spec;

    ArchiveProblem(String slug, int status, String title) {
        this.spec = new Spec(slug, status, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
