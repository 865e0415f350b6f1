package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * An administrator's request to hide the text of revision {@code revSeq} of an article from every read (issue #5).
 * Published by ingest to {@link Topics#REVISIONS_SUBMITTED} keyed by {@link #articleKey()}, so it is ordered with
 * the article's revisions; the archive answers it with {@link RevisionRedacted} or {@link RedactionRejected}. The
 * archive never edits the revision: the redaction is a fact of its own (ADR 0010, 0011). {@code meta.dt} is when it
 * was requested.
 *
 * @param reason    why, as the administrator wrote it; public (shown with the revision's metadata)
 * @param performer who asked: the authenticated principal; null only where the service runs without authentication
 * @param erase     since 1.1.0: true to erase the text for good, not only hide it (ADR 0042): every copy made
 *                  unreadable, with every revision that has the same text; null or false for a redaction that hides
 */
public record RevisionRedactionRequested(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        String articleKey,
        int revSeq,
        String reason,
        Performer performer,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean erase) implements SubmittedEvent {

    public static final String SCHEMA = "/palimpsest/revision/redaction-requested/1.1.0";
    /** Before erasure. */
    public static final String SCHEMA_1_0 = "/palimpsest/revision/redaction-requested/1.0.0";

    public RevisionRedactionRequested {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(reason, "reason");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A redaction that hides the text. */
    public RevisionRedactionRequested(String schema, EventMeta meta, String articleKey, int revSeq, String reason,
                                      Performer performer) {
        this(schema, meta, articleKey, revSeq, reason, performer, null);
    }

    /** Whether the text is to be erased, not only hidden. */
    @JsonIgnore
    public boolean erases() {
        return Boolean.TRUE.equals(erase);
    }
}
