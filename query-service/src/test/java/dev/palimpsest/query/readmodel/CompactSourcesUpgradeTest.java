package dev.palimpsest.query.readmodel;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.events.kafka.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A read model of the version before V12 upgrades in place: every source slimmed, and read back as it was. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class CompactSourcesUpgradeTest {

    @Inject
    EntityManager database;

    @Inject
    Flyway flyway;

    @Test
    void sourcesWrittenWithEveryFieldAreSlimmedAndReadBackTheSame() throws Exception {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        QuarkusTransaction.requiringNew().run(() ->
                database.createNativeQuery("CREATE SCHEMA " + schema).executeUpdate());
        Flyway.configure(Thread.currentThread().getContextClassLoader()).configuration(flyway.getConfiguration())
                .schemas(schema).defaultSchema(schema).createSchemas(false).target("11").load().migrate();
        String key = "enwiki:12";
        List<String> sha1s = new ArrayList<>();
        List<MediaWikiSource> sources = new ArrayList<>();
        for (int revSeq = 1; revSeq <= 40; revSeq++) {
            String sha1 = ContentHash.sha1Hex("text " + revSeq);
            sha1s.add(sha1);
            sources.add(revSeq % 10 == 0
                    ? new MediaWikiSource("enwiki", 12, 0, true, null, "text/x-wiki", null, "import-" + revSeq)
                    : new MediaWikiSource("enwiki", 12, 0, false, "wikitext", "text/x-wiki",
                    Sha1Base36.fromHex(sha1), "import-1"));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            database.createNativeQuery("SELECT set_config('search_path', ?1, true)").setParameter(1, schema)
                    .getSingleResult();
            for (int revSeq = 1; revSeq <= 40; revSeq++) {
                try {
                    database.createNativeQuery("""
                                    INSERT INTO revision (article_key, rev_seq, rev_timestamp, archived_at, rev_sha1,
                                                          rev_len, submission_id, source)
                                    VALUES (?1, ?2, now(), now(), ?3, 6, ?4, CAST(?5 AS jsonb))""")
                            .setParameter(1, key).setParameter(2, revSeq).setParameter(3, sha1s.get(revSeq - 1))
                            .setParameter(4, UUID.randomUUID())
                            .setParameter(5, EventJson.MAPPER.writeValueAsString(sources.get(revSeq - 1)))
                            .executeUpdate();
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        long before = bytesOfSources(schema);

        Flyway.configure(Thread.currentThread().getContextClassLoader()).configuration(flyway.getConfiguration())
                .schemas(schema).defaultSchema(schema).createSchemas(false).load().migrate();

        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                "SELECT rev_seq, source::text FROM " + schema + ".revision ORDER BY rev_seq").getResultList());
        assertEquals(40, rows.size());
        for (Object[] row : rows) {
            int revSeq = ((Number) row[0]).intValue();
            assertEquals(sources.get(revSeq - 1), StoredSource.read((String) row[1], key, sha1s.get(revSeq - 1)),
                    "revision " + revSeq);
        }
        long after = bytesOfSources(schema);
        System.out.printf("revision.source: %d B a row before V12, %d B after%n", before / 40, after / 40);
        assertTrue(after * 2 < before, "sources of " + after + " B after, " + before + " B before");
        QuarkusTransaction.requiringNew().run(() ->
                database.createNativeQuery("DROP SCHEMA " + schema + " CASCADE").executeUpdate());
    }

    private long bytesOfSources(String schema) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) database.createNativeQuery(
                "SELECT sum(pg_column_size(source)) FROM " + schema + ".revision").getSingleResult()).longValue());
    }
}
