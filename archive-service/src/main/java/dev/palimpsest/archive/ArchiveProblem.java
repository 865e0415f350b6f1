package dev.palimpsest.archive;

import dev.palimpsest.problem.ProblemKind;

/** Every kind of error archive-service answers with, each with a stable problem type URI. */
public enum ArchiveProblem implements ProblemKind {
    ARTICLE_NOT_FOUND("article-not-found", 404, "Article not found");

    private final String slug;
    private final int status;
    private final String title;

    ArchiveProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
