package dev.palimpsest.query.provenance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One token's life in the article: the revision that introduced it, then every revision (in edit order) that removed
 * it or brought it back, among the revisions whose text can be read.
 */
@Schema(name = "TokenHistory", description = "One token's history: introduced, removed, reintroduced")
public record TokenHistoryView(@Schema(examples = "enwiki:12345") String articleKey,
                               @Schema(description = "The revision the token was asked of", examples = "42")
                               int revSeq,
                               @Schema(description = "Its place among that revision's tokens, from 0",
                                       examples = "17") int index,
                               @Schema(examples = "anarchism") String token,
                               TokenOrigin origin,
                               List<TokenEvent> events) {

    /** One change to the token's presence. */
    @Schema(name = "TokenEvent", description = "A revision that introduced, removed or reintroduced the token")
    public record TokenEvent(@Schema(enumeration = {"added", "removed", "reintroduced"}) String kind,
                             TokenOrigin revision) {
    }
}
