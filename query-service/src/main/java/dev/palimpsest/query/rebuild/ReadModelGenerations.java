package dev.palimpsest.query.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The read model's generations as PostgreSQL schemas (ADR 0024). The live generation is the schema the datasource's
 * connections resolve unqualified names in ({@code current_schema()}: {@code public} unless the JDBC URL says
 * otherwise); a rebuild fills {@link #NEXT} beside it and then swaps the two names in one transaction, so every
 * statement parsed after the commit — on any pooled connection, of any instance sharing the database — reads the
 * new generation, and none ever sees a half-built one.
 */
@ApplicationScoped
public class ReadModelGenerations {

    /** The schema a rebuild fills. */
    public static final String NEXT = "read_model_next";
    /** The former live generation between the switch and its drop. */
    public static final String RETIRED = "read_model_retired";

    private static final Logger LOG = Logger.getLogger(ReadModelGenerations.class);
    /** An index over a whole history may take minutes to build; a rebuild is not interrupted for it. */
    private static final int INDEX_TIMEOUT_SECONDS = 3600;

    private final EntityManager entityManager;
    private final Flyway flyway;

    public ReadModelGenerations(EntityManager entityManager, Flyway flyway) {
        this.entityManager = entityManager;
        this.flyway = flyway;
    }

    /**
     * Drops what an interrupted rebuild left ({@link #NEXT} before a switch, {@link #RETIRED} after one), then
     * creates {@link #NEXT} and migrates it with the service's own migrations and Flyway settings.
     */
    public void createNext() {
        dropIfExists(NEXT);
        dropIfExists(RETIRED);
        // created here, not by Flyway: Flyway would record its creation in the history table, which becomes the
        // live generation's and would then name a schema that no longer exists
        createSchema(NEXT);
        Flyway next = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .configuration(flyway.getConfiguration())
                .schemas(NEXT).defaultSchema(NEXT).createSchemas(false)
                // one transaction for all of them, not one commit (a WAL flush) per migration: an empty schema
                // is built in 30 ms instead of 100; a failure leaves nothing half made, and the rebuild fails
                .group(true)
                .load();
        var result = next.migrate();
        LOG.infof("created schema %s for a new read-model generation (%d migration(s), version %s)", NEXT,
                result.migrationsExecuted, result.targetSchemaVersion);
    }

    /**
     * The indexes a rebuild builds after its replay instead of row by row: those readers need and the writer's
     * batches do not (a redaction replayed meanwhile reads its article's revision rows by primary key instead).
     * Those on texts, packs and redactions stay: erasure and every batch's redaction check use them.
     */
    static final List<String> DEFERRED_INDEXES = List.of("revision_in_edit_order", "revision_by_text_in_edit_order",
            "revision_by_title", "article_by_title");

    /**
     * Drops {@link #DEFERRED_INDEXES} from {@link #NEXT}, so a replay does not maintain them row by row;
     * {@link #createIndexes} builds them again, each in one sorted pass, before the switch.
     *
     * @return the statements that create them again
     */
    public List<String> dropDeferrableIndexes() {
        List<String> definitions = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT format('%I.%I', n.nspname, c.relname), pg_get_indexdef(c.oid)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ? AND c.relkind = 'i' AND c.relname = ANY (?)""")) {
                select.setString(1, NEXT);
                select.setArray(2, connection.createArrayOf("text", DEFERRED_INDEXES.toArray()));
                List<String> names = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                        definitions.add(rows.getString(2));
                    }
                }
                try (Statement drop = connection.createStatement()) {
                    for (String name : names) {
                        drop.execute("DROP INDEX " + name);
                    }
                }
            }
        }));
        return definitions;
    }

    /**
     * Runs {@code definitions} ({@link #dropDeferrableIndexes}'s), each in a transaction of its own that may take
     * as long as building an index over the whole history does.
     */
    public void createIndexes(List<String> definitions) {
        for (String definition : definitions) {
            QuarkusTransaction.requiringNew().timeout(INDEX_TIMEOUT_SECONDS).run(() ->
                    entityManager.unwrap(Session.class).doWork(connection -> {
                        try (Statement create = connection.createStatement()) {
                            create.execute(definition);
                        }
                    }));
        }
    }

    @Transactional
    void createSchema(String schema) {
        entityManager.createNativeQuery("CREATE SCHEMA " + quoted(schema)).executeUpdate();
    }

    /** The live generation's schema. */
    @Transactional
    public String live() {
        return (String) entityManager.createNativeQuery("SELECT current_schema()").getSingleResult();
    }

    /**
     * Makes {@link #NEXT} the live generation and the live one {@link #RETIRED}, in one transaction: both renames
     * or neither, with the checkpoints the live one received. The caller holds the live consumer between batches, so no
     * live transaction is writing the old generation meanwhile.
     *
     * @return the live schema's name (now the new generation's)
     */
    @Transactional
    public String switchOver() {
        String live = live();
        // the signed checkpoints of the archive's logs come from a topic of their own, not from the replay: the new
        // generation keeps those the live one received (locked, so none committed meanwhile is left behind)
        for (String table : List.of("log_checkpoint", "log_cover")) {
            entityManager.createNativeQuery("LOCK TABLE " + quoted(live) + "." + table + " IN EXCLUSIVE MODE")
                    .executeUpdate();
            entityManager.createNativeQuery("INSERT INTO " + NEXT + "." + table + " SELECT * FROM " + quoted(live)
                    + "." + table + " ON CONFLICT DO NOTHING").executeUpdate();
        }
        entityManager.createNativeQuery("ALTER SCHEMA " + quoted(live) + " RENAME TO " + RETIRED).executeUpdate();
        entityManager.createNativeQuery("ALTER SCHEMA " + NEXT + " RENAME TO " + quoted(live)).executeUpdate();
        return live;
    }

    /**
     * Drops a schema and everything in it. Waits for statements still reading it (they hold their tables' locks),
     * never for those that started after a switch: those read the new generation.
     */
    @Transactional
    public void dropIfExists(String schema) {
        entityManager.createNativeQuery("DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE").executeUpdate();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
