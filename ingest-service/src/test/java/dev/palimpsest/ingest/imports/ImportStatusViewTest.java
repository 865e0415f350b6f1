package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.ImportStatus;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.events.kafka.EventSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view every ingest instance answers import status requests from, and how it judges a silent import. */
class ImportStatusViewTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private static ImportStatus status(String importId, String instance, long sequence, ImportState state,
                                       Instant startedAt, Instant updatedAt, long published) {
        return new ImportStatus(null, EventMeta.now(Topics.IMPORTS, null), importId, state.name(), instance, sequence,
                "enwiki", startedAt, updatedAt, state == ImportState.PUBLISHING ? null : updatedAt, 1000, 5000, 2,
                100, published, 0, published, List.of(), null);
    }

    private static ImportStatus status(String importId, long sequence, ImportState state, long published) {
        return status(importId, "ingest-a", sequence, state, START, START.plusSeconds(sequence), published);
    }

    @Test
    void theNewestReportOfAnImportWinsWhateverOrderTheyAreReadIn() {
        ImportStatusView view = new ImportStatusView(10);

        assertTrue(view.apply("i1", status("i1", 1, ImportState.PUBLISHING, 0)));
        assertTrue(view.apply("i1", status("i1", 3, ImportState.COMPLETED, 100)));
        assertFalse(view.apply("i1", status("i1", 2, ImportState.PUBLISHING, 40)), "an older report read late");

        ImportStatus latest = view.latest("i1").orElseThrow();
        assertEquals(ImportState.COMPLETED.name(), latest.state());
        assertEquals(100, latest.published());
        assertEquals(1, view.size());
    }

    @Test
    void aTombstoneForgetsTheImport() {
        ImportStatusView view = new ImportStatusView(10);
        view.apply("i1", status("i1", 1, ImportState.COMPLETED, 100));

        assertTrue(view.apply("i1", null));

        assertTrue(view.latest("i1").isEmpty());
        assertTrue(view.newest(10).isEmpty());
    }

    @Test
    void beyondItsCapacityTheEarliestStartedAreForgottenAndTheListIsNewestFirst() {
        ImportStatusView view = new ImportStatusView(2);
        for (int i = 1; i <= 3; i++) {
            view.apply("i" + i, status("i" + i, "ingest-a", 1, ImportState.COMPLETED, START.plusSeconds(i),
                    START.plusSeconds(i), 100));
        }

        assertTrue(view.latest("i1").isEmpty(), "the earliest started is forgotten first");
        assertEquals(List.of("i3", "i2"), view.newest(10).stream().map(ImportStatus::importId).toList());
        assertEquals(List.of("i3"), view.newest(1).stream().map(ImportStatus::importId).toList());
    }

    @Test
    void everyReportIsTheWholeReportSoTheLastRecordOfAKeyIsAllACompactedTopicNeeds() {
        // what compaction leaves of an import: its last record alone, read by a fresh view, says everything
        ImportStatus last = new ImportStatus(null, EventMeta.now(Topics.IMPORTS, "req-1"), "i1",
                ImportState.COMPLETED.name(), "ingest-a", 7, "enwiki", START, START.plusSeconds(9),
                START.plusSeconds(9), 1887436, 41226431, 1, 15180, 15179, 1, 1686.6,
                List.of(new ImportStatus.Rejection("Anarchism", 233194L, "text hidden at the source")), null);
        byte[] record = new EventSerializer().serialize(Topics.IMPORTS, last);
        ImportStatus read = new EventDeserializer.ImportStatusDeserializer().deserialize(Topics.IMPORTS, record);

        ImportStatusView fresh = new ImportStatusView(10);
        fresh.apply("i1", read);

        assertEquals(last, fresh.latest("i1").orElseThrow());
        assertEquals(ImportStatus.SCHEMA, read.schema());
        ImportReport report = ImportReport.of(read);
        assertEquals(ImportState.COMPLETED, report.state());
        assertEquals(15179, report.published());
        assertEquals("Anarchism", report.rejections().get(0).pageTitle());
        assertEquals("ingest-a", report.instanceId());
    }

    @Test
    void aPublishingReportRefreshedWithinTheLimitIsBelieved() {
        ImportLiveness liveness = new ImportLiveness("ingest-b", STALE_AFTER);
        ImportStatus status = status("i1", "ingest-a", 4, ImportState.PUBLISHING, START, START.plusSeconds(4), 40);

        ImportStatus judged = liveness.judge(status, START.plusSeconds(4).plus(STALE_AFTER));

        assertEquals(status, judged);
    }

    @Test
    void aPublishingReportNotRefreshedWithinTheLimitIsInterruptedWithWhenAndHowFar() {
        ImportLiveness liveness = new ImportLiveness("ingest-b", STALE_AFTER);
        Instant lastSeen = START.plusSeconds(4);
        ImportStatus status = status("i1", "ingest-a", 4, ImportState.PUBLISHING, START, lastSeen, 40);

        ImportStatus judged = liveness.judge(status, lastSeen.plus(STALE_AFTER).plusSeconds(1));

        assertEquals(ImportState.INTERRUPTED.name(), judged.state());
        assertEquals(40, judged.published(), "how far it got: what the last report said");
        assertEquals(lastSeen, judged.updatedAt(), "when it was last seen");
        assertEquals(5, judged.sequence());
        assertTrue(judged.error().contains("ingest instance ingest-a stopped reporting"), judged.error());
        assertTrue(judged.error().contains("last reported at " + lastSeen + " with at least 40 of 100 revisions"
                + " published"), judged.error());
    }

    @Test
    void aFinishedReportIsBelievedHoweverOld() {
        ImportLiveness liveness = new ImportLiveness("ingest-b", STALE_AFTER);
        ImportStatus status = status("i1", "ingest-a", 9, ImportState.COMPLETED, START, START.plusSeconds(9), 100);

        assertEquals(status, liveness.judge(status, START.plus(Duration.ofDays(30))));
    }

    @Test
    void aPublishingReportOfThisVeryInstanceIdWhichDoesNotRunItIsInterruptedAtOnce() {
        // the instance restarted with the same id: what it ran before died with the old process
        ImportLiveness liveness = new ImportLiveness("ingest-a", STALE_AFTER);
        ImportStatus status = status("i1", "ingest-a", 4, ImportState.PUBLISHING, START, START.plusSeconds(4), 40);

        ImportStatus judged = liveness.judge(status, START.plusSeconds(5));

        assertEquals(ImportState.INTERRUPTED.name(), judged.state());
        assertTrue(judged.error().contains("restarted while publishing it"), judged.error());
    }
}
