package dev.palimpsest.query.provenance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The main authors of one revision's text: each author's share of its tokens, most first. */
@Schema(name = "Authors", description = "The main authors of a revision's text, most tokens first")
public record AuthorsView(@Schema(examples = "enwiki:12345") String articleKey, @Schema(examples = "42") int revSeq,
                          Instant revTimestamp, @Schema(examples = "10412") int tokenCount,
                          List<AuthorShare> authors) {
}
