package dev.palimpsest.query.provenance;

import dev.palimpsest.query.revision.Author;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A revision that introduced tokens, as the provenance answers name it.
 *
 * @param authorHidden the source hid who made it (then {@code author} is absent)
 */
@Schema(name = "TokenOrigin", description = "A revision that introduced tokens: its number, edit time and author")
public record TokenOrigin(@Schema(examples = "3") int revSeq, Instant revTimestamp, Author author,
                          @Schema(description = "The source hid the revision's author: no author is given")
                          boolean authorHidden) {

    static TokenOrigin of(ProvenanceReads.OriginRevision origin) {
        return new TokenOrigin(origin.revSeq(), origin.revTimestamp(), origin.author(), origin.authorHidden());
    }
}
