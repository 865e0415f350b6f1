package dev.palimpsest.query.provenance;

import dev.palimpsest.query.revision.Author;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How much of a revision's text one author wrote: the "main authors" a CC BY-SA attribution lists.
 *
 * @param authorHidden the tokens of revisions whose author the source hid, counted together
 */
@Schema(name = "AuthorShare", description = "One author's share of a revision's tokens")
public record AuthorShare(Author author,
                          @Schema(description = "The share of revisions whose author the source hid, together")
                          boolean authorHidden,
                          @Schema(description = "Tokens of the text this author introduced", examples = "1204")
                          int tokens,
                          @Schema(description = "tokens / the text's tokens, 0 to 1", examples = "0.4213")
                          double share,
                          @Schema(description = "How many of the author's revisions those tokens come from",
                                  examples = "7") int revisions) {
}
