package dev.palimpsest.ingest.revision;

import dev.palimpsest.events.ContentHash;

import java.util.UUID;

/**
 * What makes two submissions "the same revision", so that the archive stores it once. In order of strength: the
 * source's revision id; a key the client chose ({@code Idempotency-Key} header); for a client-dated edit, its
 * content and metadata; otherwise nothing but this very event (a re-send of an undated revision is a new edit).
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    public static String derive(RevisionDraft revision, String textSha1, String clientKey, UUID eventId) {
        if (revision.revId() != null) {
            return "rev:" + revision.revId();
        }
        if (clientKey != null && !clientKey.isBlank()) {
            return "key:" + clientKey.strip();
        }
        if (revision.timestampGiven()) {
            StringBuilder fingerprint = new StringBuilder();
            for (String field : new String[] {revision.timestamp().toString(), textSha1, revision.author(),
                    revision.comment()}) {
                // length-prefixed, so no choice of field values can make two different revisions collide
                fingerprint.append(field == null ? -1 : field.length()).append(':').append(field).append(';');
            }
            return "content:" + ContentHash.sha1Hex(fingerprint.toString());
        }
        return "event:" + eventId;
    }
}
