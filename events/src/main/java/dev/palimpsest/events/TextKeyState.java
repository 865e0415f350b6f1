package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * The state of one article's text key of one epoch (ADR 0042), as the archive publishes it on
 * {@link Topics#TEXT_KEYS} (compacted, keyed by {@link #topicKey}): the key, so a reader can open the packs sealed
 * with it, or, once an erasure destroyed it, a marker that says so without the key. A marker is a value, never a
 * tombstone, so a reader that replays the archived topic years later still knows to skip what the key sealed
 * rather than wait for it; compaction then drops every earlier record of the key, and with it the key's bytes.
 *
 * @param key         the key's 32 bytes (base64 in JSON); null once destroyed
 * @param destroyedAt when an erasure destroyed it; null while it is held
 * @param destroyedBy the redaction (request id) whose erasure destroyed it; null while it is held
 */
public record TextKeyState(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        String articleKey,
        int epoch,
        byte[] key,
        Instant destroyedAt,
        UUID destroyedBy) {

    public static final String SCHEMA = "/palimpsest/text-key/1.0.0";

    public TextKeyState {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(articleKey, "articleKey");
        if (epoch < 1) {
            throw new IllegalArgumentException("a key epoch is at least 1, not " + epoch);
        }
        if ((key == null) == (destroyedAt == null)) {
            throw new IllegalArgumentException("a text key is either held (its bytes) or destroyed (when), not "
                    + (key == null ? "neither" : "both"));
        }
        if (key != null && key.length != 32) {
            throw new IllegalArgumentException("a text key is 32 bytes, not " + key.length);
        }
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A key the archive holds. */
    public static TextKeyState held(String articleKey, int epoch, byte[] key) {
        return new TextKeyState(SCHEMA, EventMeta.now(Topics.TEXT_KEYS, null), articleKey, epoch, key.clone(), null,
                null);
    }

    /** The marker of a key an erasure destroyed. */
    public static TextKeyState destroyed(String articleKey, int epoch, Instant at, UUID byRedaction) {
        return new TextKeyState(SCHEMA, EventMeta.now(Topics.TEXT_KEYS, byRedaction.toString()), articleKey, epoch,
                null, at, byRedaction);
    }

    /** The record key of an article's key of one epoch: compaction keeps its latest state. */
    public static String topicKey(String articleKey, int epoch) {
        return epoch + ":" + articleKey;
    }

    @JsonIgnore
    public boolean isDestroyed() {
        return key == null;
    }

    // a record compares arrays by identity
    @Override
    public boolean equals(Object other) {
        return other instanceof TextKeyState that && schema.equals(that.schema) && meta.equals(that.meta)
                && articleKey.equals(that.articleKey) && epoch == that.epoch && Arrays.equals(key, that.key)
                && Objects.equals(destroyedAt, that.destroyedAt) && Objects.equals(destroyedBy, that.destroyedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, meta, articleKey, epoch, Arrays.hashCode(key), destroyedAt, destroyedBy);
    }

    /** Never the key's bytes. */
    @Override
    public String toString() {
        return "TextKeyState[" + articleKey + " epoch " + epoch + (isDestroyed() ? ", destroyed at " + destroyedAt
                + " by redaction " + destroyedBy : ", held") + "]";
    }
}
