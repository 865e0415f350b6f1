package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.UUID;

/**
 * What the archive published about one event of the submitted topic (a revision, or a redaction request), on {@link Topics#REVISIONS_ARCHIVED}, keyed by article key.
 * The {@code $schema} field names the kind, so readers can tell them apart and old readers can skip new kinds.
 * Besides the answers, the topic carries the texts of new revisions as packs ({@link TextsArchived}), each before
 * the answers that name its texts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "$schema",
        visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = RevisionArchived.class,
                names = {RevisionArchived.SCHEMA, RevisionArchived.SCHEMA_1_3, RevisionArchived.SCHEMA_1_2,
                        RevisionArchived.SCHEMA_1_1, RevisionArchived.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = SubmissionDeduplicated.class,
                names = {SubmissionDeduplicated.SCHEMA, SubmissionDeduplicated.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = RevisionRedacted.class,
                names = {RevisionRedacted.SCHEMA, RevisionRedacted.SCHEMA_1_1, RevisionRedacted.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = RedactionRejected.class,
                names = {RedactionRejected.SCHEMA, RedactionRejected.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = TextsArchived.class, names = {TextsArchived.SCHEMA, TextsArchived.SCHEMA_1_1, TextsArchived.SCHEMA_1_0})
})
public sealed interface ArchiveEvent
        permits RevisionArchived, SubmissionDeduplicated, RevisionRedacted, RedactionRejected, TextsArchived {

    String schema();

    EventMeta meta();

    /**
     * The id of the event of {@link Topics#REVISIONS_SUBMITTED} this answers: a {@link RevisionSubmitted}, or for
     * {@link RevisionRedacted} and {@link RedactionRejected} a {@link RevisionRedactionRequested}; for
     * {@link TextsArchived}, the submission whose revision first names one of its texts.
     */
    UUID submissionId();

    String articleKey();

    /** The per-article sequence number of the revision the submission resolved to (or the redaction names). */
    int revSeq();

    /**
     * Where the answered record is in the archive's transparency log (ADR 0040); null for records archived before
     * the log existed, and for {@link TextsArchived}, which answers nothing.
     */
    LogLeaf leaf();
}
