package dev.palimpsest.query.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One page of the article listing.
 *
 * @param next opaque cursor for the following page, {@code null} on the last page
 */
@Schema(name = "ArticlePage")
public record ArticlePage(
        List<ArticleSummary> articles,
        @Schema(nullable = true, examples = "YTF8YXNjfHxRVzVoY21Ob2FYTnR8Wlc1M2FXdHBPakV5") String next) {
}
