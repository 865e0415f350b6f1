package dev.palimpsest.ingest.revision;

import dev.palimpsest.events.ArticleKey;
import dev.palimpsest.events.Performer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyKeysTest {

    private static final Instant T = Instant.parse("2019-01-01T00:00:00Z");

    private static RevisionDraft revision(Long sourceId, boolean dated, String author, String comment) {
        return new RevisionDraft(new ArticleKey("k"), "Title", T, dated, sourceId, null,
                author == null ? null : Performer.named(author), comment, "text", null, List.of(), null);
    }

    @Test
    void sourceRevisionIdWins() {
        assertEquals("rev:7", IdempotencyKeys.derive(revision(7L, true, "a", "c"), "sha", "client", UUID.randomUUID()));
    }

    @Test
    void clientKeyNext() {
        assertEquals("key:abc", IdempotencyKeys.derive(revision(null, true, "a", "c"), "sha", " abc ", UUID.randomUUID()));
    }

    @Test
    void datedRevisionsAreKeyedByContentAndMetadata() {
        String key = IdempotencyKeys.derive(revision(null, true, "a", "c"), "sha", null, UUID.randomUUID());
        assertTrue(key.startsWith("content:"));
        assertEquals(key, IdempotencyKeys.derive(revision(null, true, "a", "c"), "sha", null, UUID.randomUUID()));
        assertNotEquals(key, IdempotencyKeys.derive(revision(null, true, "a", "d"), "sha", null, UUID.randomUUID()));
        assertNotEquals(key, IdempotencyKeys.derive(revision(null, true, "a", "c"), "sha2", null, UUID.randomUUID()));
    }

    @Test
    void fieldBoundariesCannotBeShiftedToCollide() {
        assertNotEquals(IdempotencyKeys.derive(revision(null, true, "ab", "c"), "sha", null, UUID.randomUUID()),
                IdempotencyKeys.derive(revision(null, true, "a", "bc"), "sha", null, UUID.randomUUID()));
        assertNotEquals(IdempotencyKeys.derive(revision(null, true, null, "c"), "sha", null, UUID.randomUUID()),
                IdempotencyKeys.derive(revision(null, true, "null", "c"), "sha", null, UUID.randomUUID()));
    }

    @Test
    void undatedRevisionWithoutKeysIsItsOwnEvent() {
        UUID id = UUID.randomUUID();
        assertEquals("event:" + id, IdempotencyKeys.derive(revision(null, false, "a", "c"), "sha", null, id));
    }
}
