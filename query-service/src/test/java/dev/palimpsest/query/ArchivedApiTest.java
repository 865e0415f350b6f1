package dev.palimpsest.query;

import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Base of API tests that publish archived revisions to the real broker and wait for the read model to hold them.
 * Subclasses are {@code @QuarkusTest}s with the devstack resource, as {@link QueryApiTest}.
 */
public abstract class ArchivedApiTest {

    protected static final String PROBLEM_JSON = "application/problem+json";

    private static ArchiveLog log;

    @BeforeAll
    static void openLog() {
        log = new ArchiveLog();
    }

    @AfterAll
    static void closeLog() {
        log.close();
    }

    /** The archived topic, for tests that publish what {@link #archive} cannot (raw bytes, one event at a time). */
    protected static ArchiveLog archiveLog() {
        return log;
    }

    /** Publishes the revisions of one article and waits until the read model holds all of them. */
    protected static void archive(String articleKey, RevisionArchived... revisions) {
        for (RevisionArchived revision : revisions) {
            log.publish(revision);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/articles/{key}", articleKey)
                        .then().statusCode(200).body("revisionCount", equalTo(revisions.length)));
    }

    /** {@code revision} with another title. */
    protected static RevisionArchived titled(RevisionArchived r, String title) {
        return new RevisionArchived(r.schema(), r.meta(), r.submissionId(), r.articleKey(), r.revSeq(),
                new Provenance(title, r.provenance().revTimestamp(), r.provenance().revId(),
                        r.provenance().revParentId(), r.provenance().performer(), r.provenance().comment()),
                r.mainText(), r.archivedAt(), null, null, null);
    }
}
