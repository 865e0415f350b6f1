package dev.palimpsest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running stack stores, read through its public surfaces whatever the services' schemas are: each
 * database's tables with their TOAST and indexes ({@code pg_total_relation_size} summed over every table outside
 * PostgreSQL's own schemas: no WAL, no free space map of the cluster), and each topic's partition directories in
 * Kafka's log directories (blocks allocated, as {@link DiskUsage} counts them).
 */
final class StorageSizes {

    /** Every ordinary, partitioned or materialised table a service made, in any of its schemas. */
    static final String TABLES_SQL = """
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm', 'p')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%'
              AND n.nspname NOT LIKE 'pg_temp%'""";

    private StorageSizes() {
    }

    static long databaseBytes(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(TABLES_SQL)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A topic's bytes on disk: its partition directories ({@code <topic>-<n>}) under every Kafka log directory of
     * the data directory ({@code kafka}, or {@code kafka-<id>} per broker).
     */
    static long topicBytes(Path dataDirectory, String topic) throws IOException {
        Pattern partition = Pattern.compile(Pattern.quote(topic) + "-\\d+");
        long total = 0;
        for (Path logDirectory : kafkaLogDirectories(dataDirectory)) {
            try (Stream<Path> entries = Files.walk(logDirectory, 3)) {
                for (Path directory : entries.filter(Files::isDirectory)
                        .filter(d -> partition.matcher(d.getFileName().toString()).matches()).toList()) {
                    total += DiskUsage.bytes(directory);
                }
            }
        }
        return total;
    }

    private static List<Path> kafkaLogDirectories(Path dataDirectory) throws IOException {
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            return entries.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().equals("kafka")
                            || d.getFileName().toString().startsWith("kafka-"))
                    .toList();
        }
    }
}
