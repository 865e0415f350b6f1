package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Arrays;
import java.util.Base64;

/**
 * Where an archived record is in the archive's transparency log (ADR 0040, 0041): its log (the partition of the
 * submitted topic it was read from) and its leaf index. A revision's leaf also needs the salts of its commitments
 * ({@code salts}, 48 bytes: text, comment, performer; 32 without the text's when that one is sealed with the text in
 * its pack, ADR 0042) and its text's commitment ({@code textCommitment}, 32 bytes;
 * none when the text was hidden at the source), so a reader of the archived topic makes the leaf without the text,
 * and a verifier given the text checks it against that commitment; other records' leaves are made of their fields
 * alone. Bytes are base64 in JSON.
 */
public record LogLeaf(int log, long index, @JsonInclude(JsonInclude.Include.NON_NULL) byte[] salts,
                      @JsonInclude(JsonInclude.Include.NON_NULL) byte[] textCommitment) {

    public LogLeaf {
        if (log < 0 || index < 0) {
            throw new IllegalArgumentException("no leaf " + index + " of log " + log);
        }
        salts = salts == null ? null : salts.clone();
        textCommitment = textCommitment == null ? null : textCommitment.clone();
    }

    /** A leaf made of its record's fields alone. */
    public LogLeaf(int log, long index) {
        this(log, index, null, null);
    }

    @Override
    public byte[] salts() {
        return salts == null ? null : salts.clone();
    }

    @Override
    public byte[] textCommitment() {
        return textCommitment == null ? null : textCommitment.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogLeaf leaf && leaf.log == log && leaf.index == index
                && Arrays.equals(leaf.salts, salts) && Arrays.equals(leaf.textCommitment, textCommitment);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * log + Long.hashCode(index)) + Arrays.hashCode(salts))
                + Arrays.hashCode(textCommitment);
    }

    @Override
    public String toString() {
        return "LogLeaf[log=" + log + ", index=" + index
                + (salts == null ? "" : ", salts=" + Base64.getEncoder().encodeToString(salts))
                + (textCommitment == null ? "" : ", textCommitment="
                + Base64.getEncoder().encodeToString(textCommitment)) + "]";
    }
}
