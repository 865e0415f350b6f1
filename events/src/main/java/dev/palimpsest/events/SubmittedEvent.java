package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What ingest appends to the log of record, {@link Topics#REVISIONS_SUBMITTED}, keyed by article key: a revision
 * ({@link RevisionSubmitted}) or a request to redact one ({@link RevisionRedactionRequested}). Both kinds of one
 * article share its partition, so the archive reads a redaction after the revision it names. The archive itself
 * appends a {@link SegmentRoll} now and then, which says nothing (ADR 0042). The {@code $schema}
 * field names the kind; a record without one (or of an unknown version) is read as a {@link RevisionSubmitted},
 * the only kind this topic had before redactions, whose own checks then refuse what it is not.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "$schema",
        visible = true, defaultImpl = RevisionSubmitted.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = RevisionSubmitted.class,
                names = {RevisionSubmitted.SCHEMA, RevisionSubmitted.SCHEMA_1_2, RevisionSubmitted.SCHEMA_1_1,
                        RevisionSubmitted.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = RevisionRedactionRequested.class,
                names = {RevisionRedactionRequested.SCHEMA, RevisionRedactionRequested.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = SegmentRoll.class, names = SegmentRoll.SCHEMA)
})
public sealed interface SubmittedEvent permits RevisionSubmitted, RevisionRedactionRequested, SegmentRoll {

    String schema();

    EventMeta meta();

    String articleKey();
}
