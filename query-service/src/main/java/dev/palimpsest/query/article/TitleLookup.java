package dev.palimpsest.query.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which article a title leads to.
 *
 * @param current whether the article still has this title; false when it is a former one (the page was renamed)
 */
@Schema(name = "TitleLookup")
public record TitleLookup(
        @Schema(examples = "Jasic Workers Solidarity Group") String title,
        @Schema(examples = "enwiki:58292563") String articleKey,
        @Schema(examples = "Jasic Workers Solidarity Group") String currentTitle,
        boolean current) {
}
