package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A record that says nothing: the archive appends it to one partition of {@link Topics#REVISIONS_SUBMITTED} after an
 * erasure, once the topic's {@code segment.ms} has passed, because Kafka closes a log segment only when something is
 * appended to it and never deletes the segment being written. The append closes the segment that holds the erased
 * text, which trimming then deletes (ADR 0042). Not keyed by article: it is sent to the partition it rolls. The
 * archive reads past it and answers nothing.
 */
public record SegmentRoll(@JsonProperty("$schema") String schema, EventMeta meta) implements SubmittedEvent {

    public static final String SCHEMA = "/palimpsest/log/segment-roll/1.0.0";

    public SegmentRoll {
        Objects.requireNonNull(meta, "meta");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A roll record made now. */
    public static SegmentRoll now() {
        return new SegmentRoll(SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, null));
    }

    /** None: the record belongs to a partition, not to an article. */
    @Override
    @JsonIgnore
    public String articleKey() {
        return null;
    }
}
