package dev.palimpsest.query.transparency;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** That a log's tree of {@code from} leaves is the beginning of its tree of {@code to} (RFC 9162 §2.1.4). */
@Schema(name = "ConsistencyProof", description = "A consistency proof between two sizes of a transparency log")
public record ConsistencyProof(
        @Schema(description = "The log") int log,
        @Schema(description = "The smaller tree size") long from,
        @Schema(description = "The larger tree size") long to,
        @Schema(description = "The proof (RFC 9162 §2.1.4), base64 SHA-256 hashes") List<String> hashes) {
}
