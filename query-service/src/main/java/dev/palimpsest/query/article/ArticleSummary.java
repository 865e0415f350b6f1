package dev.palimpsest.query.article;

import dev.palimpsest.query.readmodel.Article;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * What the archive holds of one article.
 *
 * @param title             the title of its latest revision
 * @param firstRevTimestamp edit time of its earliest revision
 * @param lastRevTimestamp  edit time of its latest revision
 * @param latestRevSeq      sequence number of its latest revision in history order (edit time, source revision id, sequence number)
 */
@Schema(name = "ArticleSummary")
public record ArticleSummary(
        @Schema(examples = "enwiki:12345") String articleKey,
        @Schema(examples = "Anarchism") String title,
        @Schema(examples = "42") int revisionCount,
        @Schema(examples = "2001-10-11T09:45:00Z") Instant firstRevTimestamp,
        @Schema(examples = "2019-01-01T00:00:00Z") Instant lastRevTimestamp,
        @Schema(examples = "42") int latestRevSeq) {

    static ArticleSummary of(Article article) {
        return new ArticleSummary(article.articleKey, article.title, article.revisionCount,
                article.firstRevTimestamp, article.lastRevTimestamp, article.latestRevSeq);
    }
}
