package dev.palimpsest.query.rebuild;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

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
                .load();
        var result = next.migrate();
        LOG.infof("created schema %s for a new read-model generation (%d migration(s), version %s)", NEXT,
                result.migrationsExecuted, result.targetSchemaVersion);
    }

    /**
     * Drops {@link #NEXT}'s indexes that no write needs (neither a primary key nor unique: every
     * {@code ON CONFLICT} of the writer and every lookup it makes uses those), so a replay does not maintain them
     * row by row; {@link #createIndexes} builds them again, each in one sorted pass, before the switch.
     *
     * @return the statements that create them again
     */
    @Transactional
    public List<String> dropDeferrableIndexes() {
        List<String> definitions = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery("""
                        SELECT CAST(CAST(i.indexrelid AS regclass) AS text), pg_get_indexdef(i.indexrelid)
                        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = :schema AND NOT i.indisunique AND NOT i.indisprimary
                        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")
                .setParameter("schema", NEXT).getResultList()) {
            Object[] index = (Object[]) row;
            definitions.add((String) index[1]);
            entityManager.createNativeQuery("DROP INDEX " + index[0]).executeUpdate();
        }
        return definitions;
    }

    /** Runs {@code definitions} ({@link #dropDeferrableIndexes}'s). */
    @Transactional
    public void createIndexes(List<String> definitions) {
        for (String definition : definitions) {
            entityManager.createNativeQuery(definition).executeUpdate();
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
     * or neither. The caller holds the live consumer between batches, so no live transaction is writing the old
     * generation meanwhile.
     *
     * @return the live schema's name (now the new generation's)
     */
    @Transactional
    public String switchOver() {
        String live = live();
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
