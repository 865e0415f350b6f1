package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.UUID;

/**
 * What the archive published about one submission, on {@link Topics#REVISIONS_ARCHIVED}, keyed by article key.
 * The {@code $schema} field names the kind, so readers can tell them apart and old readers can skip new kinds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "$schema",
        visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = RevisionArchived.class,
                names = {RevisionArchived.SCHEMA, RevisionArchived.SCHEMA_1_1, RevisionArchived.SCHEMA_1_0}),
        @JsonSubTypes.Type(value = SubmissionDeduplicated.class, name = SubmissionDeduplicated.SCHEMA)
})
public sealed interface ArchiveEvent permits RevisionArchived, SubmissionDeduplicated {

    String schema();

    EventMeta meta();

    /** The id of the {@link RevisionSubmitted} event this answers. */
    UUID submissionId();

    String articleKey();

    /** The per-article sequence number of the revision the submission resolved to. */
    int revSeq();
}
