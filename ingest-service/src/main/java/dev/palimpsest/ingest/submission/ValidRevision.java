package dev.palimpsest.ingest.submission;

import java.time.Instant;

/** A submission that passed every check, with the edit time settled. */
public record ValidRevision(
        String articleKey,
        String title,
        String text,
        Instant timestamp,
        boolean timestampGiven,
        String author,
        String comment,
        Long sourceRevisionId) {
}
