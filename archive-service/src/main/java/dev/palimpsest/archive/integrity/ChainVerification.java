package dev.palimpsest.archive.integrity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of recomputing an article's hash chain from what PostgreSQL holds now.
 *
 * @param verified       every record, text and link recomputed equal to what is stored, and the chain ends at
 *                       the article's head
 * @param recordsChecked records found intact, in rev_seq order, before the first break (all of them if none)
 * @param revisionCount  revisions the article says it holds (its last rev_seq)
 * @param headHash       the record hash of the article's last revision as recorded on the article (its chain
 *                       head); null for an article without revisions. Proven only when {@code verified}.
 * @param firstBreak     where the chain first fails; null when verified
 */
@Schema(name = "ChainVerification")
public record ChainVerification(
        @Schema(examples = "jasic-workers-solidarity-group") String articleKey,
        boolean verified,
        @Schema(examples = "3") long recordsChecked,
        @Schema(examples = "3") int revisionCount,
        @Schema(examples = "5c73634635842326ab467bd9e76c96c4f3dd5794831824a18a1aa02e7d9aebde") String headHash,
        ChainBreak firstBreak) {

    /**
     * The first revision whose record does not hold.
     *
     * @param revSeq the broken revision's sequence number (for a missing record, the number that is missing)
     * @param reason why, a stable kebab-case name
     * @param detail what differs, for a human
     */
    @Schema(name = "ChainBreak")
    public record ChainBreak(@Schema(examples = "2") int revSeq, Reason reason,
                             @Schema(examples = "the main text's SHA-256 is now e9b4c521…, the record says d1e9aa0a…")
                             String detail) {
    }

    /** Why a record breaks the chain. */
    @Schema(name = "ChainBreakReason")
    public enum Reason {
        /** A text (main or another slot) no longer hashes to the SHA-256 its record states. */
        @com.fasterxml.jackson.annotation.JsonProperty("content-mismatch") CONTENT_MISMATCH,
        /** The record names a predecessor hash other than the previous record's hash. */
        @com.fasterxml.jackson.annotation.JsonProperty("link-mismatch") LINK_MISMATCH,
        /** The record's fields no longer hash to its record hash. */
        @com.fasterxml.jackson.annotation.JsonProperty("record-mismatch") RECORD_MISMATCH,
        /** A sequence number below the article's revision count has no record. */
        @com.fasterxml.jackson.annotation.JsonProperty("missing-record") MISSING_RECORD,
        /** The chain does not end where the article says: its head hash or revision count differ. */
        @com.fasterxml.jackson.annotation.JsonProperty("head-mismatch") HEAD_MISMATCH
    }
}
