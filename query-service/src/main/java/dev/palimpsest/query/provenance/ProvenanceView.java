package dev.palimpsest.query.provenance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Who wrote each token of one revision, compact on the wire: the text's tokens in order as runs of consecutive
 * tokens with one origin, each origin revision described once.
 */
@Schema(name = "Provenance", description = "Who wrote each token of a revision: runs of tokens with their origin"
        + " revision, the origins, and the authors' shares")
public record ProvenanceView(
        @Schema(examples = "enwiki:12345") String articleKey,
        @Schema(examples = "42") int revSeq,
        Instant revTimestamp,
        @Schema(description = "How the text was cut into tokens (words, punctuation, markup symbols; whitespace"
                + " is none): tokenizing the revision's text the same way gives the tokens the runs count",
                examples = "wikitext-1") String tokenizer,
        @Schema(examples = "10412") int tokenCount,
        @Schema(description = "The text's tokens in order, as [origin revSeq, how many tokens] pairs: consecutive"
                + " tokens introduced by the same revision form one run", examples = "[[1, 40], [7, 3], [1, 112]]")
        List<int[]> runs,
        @Schema(description = "Each revision the runs name, once, by revSeq") List<TokenOrigin> origins,
        @Schema(description = "The authors of the text, most tokens first") List<AuthorShare> authors,
        @Schema(description = "The tokens themselves, in order (only with tokens=true)") List<String> tokens) {
}
