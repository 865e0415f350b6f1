package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Texts new to an article, packed together (the text-store module's {@code PackCodec}: one zstd frame, primed with
 * {@code baseSha1}'s text when there is one), published on {@link Topics#REVISIONS_ARCHIVED} keyed by article key
 * before the {@link RevisionArchived} events that name them, which then carry no text of their own. A reader keeps
 * the texts by (article key, sha1); a text the article already had is never shipped again.
 *
 * <p>Guarantees: {@code baseSha1}, when not null, names a text this article shipped earlier on the topic and that no
 * redaction has erased since, so a reader that applied the topic in order holds it; a pack shipped again for a
 * redelivered submission has no base. The id is derived from {@code submissionId}, so answering the same submission
 * again publishes an equal event.
 *
 * @param submissionId the submission whose revision is the first to name a text of this pack (its trace carries the
 *                     pack; not a submission this event answers on its own)
 * @param revSeq       that revision's sequence number
 * @param baseSha1     the sha1 of the text the pack is primed with, or null
 * @param sha1s        the lowercase hex sha1s of the packed texts, in pack order, all different
 * @param lengths      the UTF-8 lengths of the packed texts, in pack order (since 1.1.0; null in packs of 1.0.0): a
 *                     reader can store the pack and check the revisions naming its texts without decompressing it
 * @param pack         the pack's bytes (base64 in JSON); sealed with its texts' salts when {@code keyEpoch} is given
 * @param keyEpoch     since 1.2.0: the epoch of the article's text key the pack is sealed with (the text-store
 *                     module's {@code SealedPack}, ADR 0042), published on {@link Topics#TEXT_KEYS} before it; null
 *                     for a pack in clear (1.1.0 and earlier)
 * @param resealedFor  since 1.2.0: the erasure (its redaction request) this pack was shipped again for, under the
 *                     article's new key: a reader replaces its copies of these texts with this pack's, held or not;
 *                     null for texts new to the article
 */
public record TextsArchived(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        UUID submissionId,
        String articleKey,
        int revSeq,
        String baseSha1,
        List<String> sha1s,
        List<Integer> lengths,
        byte[] pack,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer keyEpoch,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID resealedFor) implements ArchiveEvent {

    public static final String SCHEMA = "/palimpsest/texts/archived/1.2.0";
    /** Packs in clear, with {@code lengths}. */
    public static final String SCHEMA_1_1 = "/palimpsest/texts/archived/1.1.0";
    /** Packs without {@code lengths}. */
    public static final String SCHEMA_1_0 = "/palimpsest/texts/archived/1.0.0";

    /** How many texts one pack carries at most: enough for zstd to see an article's history, few to read one. */
    public static final int MAX_TEXTS = 32;

    public TextsArchived {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(pack, "pack");
        if (sha1s == null || sha1s.isEmpty()) {
            throw new IllegalArgumentException("a pack carries at least one text");
        }
        sha1s = List.copyOf(sha1s);
        if (lengths != null) {
            if (lengths.size() != sha1s.size() || lengths.stream().anyMatch(length -> length == null || length < 0)) {
                throw new IllegalArgumentException("a pack names " + sha1s.size() + " texts and gives "
                        + lengths.size() + " lengths, or a missing or negative one: " + lengths);
            }
            lengths = List.copyOf(lengths);
        }
        if (schema == null) {
            schema = lengths == null ? SCHEMA_1_0 : keyEpoch == null ? SCHEMA_1_1 : SCHEMA;
        }
        if (lengths == null && !SCHEMA_1_0.equals(schema)) {
            throw new IllegalArgumentException("a pack of " + schema + " gives its texts' lengths");
        }
        if (resealedFor != null && keyEpoch == null) {
            throw new IllegalArgumentException("a pack shipped again for an erasure is sealed");
        }
        if (keyEpoch != null && (keyEpoch < 1 || !SCHEMA.equals(schema))) {
            throw new IllegalArgumentException("a sealed pack is of " + SCHEMA + " and names a key epoch from 1, not "
                    + keyEpoch);
        }
    }

    /** {@code pack} of texts in clear, as before sealing (schema 1.1.0). */
    public TextsArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                         String baseSha1, List<String> sha1s, List<Integer> lengths, byte[] pack) {
        this(schema, meta, submissionId, articleKey, revSeq, baseSha1, sha1s, lengths, pack, null, null);
    }

    /** A sealed pack of texts new to the article. */
    public TextsArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                         String baseSha1, List<String> sha1s, List<Integer> lengths, byte[] pack, Integer keyEpoch) {
        this(schema, meta, submissionId, articleKey, revSeq, baseSha1, sha1s, lengths, pack, keyEpoch, null);
    }

    /** Whether the pack is sealed with the article's key of {@link #keyEpoch} (and carries its texts' salts). */
    @JsonIgnore
    public boolean sealed() {
        return keyEpoch != null;
    }

    // a record compares arrays by identity: two events with the same bytes are the same event

    /** A pack answers nothing: it is no record of the transparency log. */
    @Override
    @JsonIgnore
    public LogLeaf leaf() {
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextsArchived that && schema.equals(that.schema) && meta.equals(that.meta)
                && submissionId.equals(that.submissionId) && articleKey.equals(that.articleKey)
                && revSeq == that.revSeq && Objects.equals(baseSha1, that.baseSha1) && sha1s.equals(that.sha1s)
                && Objects.equals(lengths, that.lengths) && Arrays.equals(pack, that.pack)
                && Objects.equals(keyEpoch, that.keyEpoch) && Objects.equals(resealedFor, that.resealedFor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, meta, submissionId, articleKey, revSeq, baseSha1, sha1s, lengths,
                Arrays.hashCode(pack), keyEpoch, resealedFor);
    }

    @Override
    public String toString() {
        return "TextsArchived[" + articleKey + " #" + revSeq + ", " + sha1s.size() + " text(s), " + pack.length
                + " bytes, base " + baseSha1 + (keyEpoch == null ? "" : ", sealed with key " + keyEpoch) + ", id "
                + meta.id() + "]";
    }
}
