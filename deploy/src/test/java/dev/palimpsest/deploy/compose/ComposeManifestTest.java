package dev.palimpsest.deploy.compose;

import dev.palimpsest.deploy.ManifestCopy;
import dev.palimpsest.deploy.SourceTree;
import dev.palimpsest.deploy.consistency.ContainerRuntime;
import dev.palimpsest.deploy.consistency.Finding;
import dev.palimpsest.deploy.consistency.Repository;
import dev.palimpsest.deploy.consistency.ServiceConfiguration;
import dev.palimpsest.deploy.yaml.ManifestException;
import dev.palimpsest.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/compose/docker-compose.yml: typed, consistent with the services, and each real mistake reported. */
class ComposeManifestTest {

    private static final Repository REPOSITORY = SourceTree.repository();
    private static final Path COMPOSE = SourceTree.compose().resolve("docker-compose.yml");

    @TempDir
    Path directory;

    @Test
    void theComposeFileIsConsistentWithTheServices() {
        List<Finding> findings = ComposeChecks.check(COMPOSE, REPOSITORY);

        assertEquals(List.of(), findings, () -> findings.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void itRunsKafkaPostgresTheTopicsJobAndTheThreeServices() {
        ComposeFile compose = ComposeChecks.read(COMPOSE);

        assertEquals(Set.of("kafka", "kafka-topics", "postgres", "ingest-service", "archive-service", "query-service"),
                compose.services().keySet());
        assertEquals(Set.of("kafka-data", "postgres-data"), compose.volumes().keySet());
        assertEquals("apache/kafka:" + REPOSITORY.kafkaVersion(), compose.services().get("kafka").image());
        assertEquals("postgres:" + REPOSITORY.postgresMajorVersion(), compose.services().get("postgres").image());
    }

    @Test
    void everyServicePublishesItsOwnPortAndWaitsForWhatItNeeds() {
        ComposeFile compose = ComposeChecks.read(COMPOSE);

        for (ServiceConfiguration service : REPOSITORY.services().values()) {
            ComposeFile.Service composed = compose.services().get(service.name());
            assertEquals(List.of(service.httpPort() + ":" + service.httpPort()), composed.ports(), service.name());
            assertEquals("palimpsest/" + service.name() + ":" + REPOSITORY.projectVersion(), composed.image());
            assertEquals("service_completed_successfully", composed.dependsOn().get("kafka-topics").condition());
            assertTrue(String.join(" ", composed.healthcheck().test())
                    .contains("http://localhost:" + service.httpPort() + "/q/health/ready"), service.name());
            // exactly what the service needs, nothing it would not read
            // (and the JVM's settings, service-runtime.options)
            Set<String> expected = new TreeSet<>(service.requiredEnvironment().keySet());
            expected.addAll(ContainerRuntime.services().environment().keySet());
            assertEquals(expected, new TreeSet<>(composed.environment().keySet()), service.name());
        }
        assertEquals(Map.of("condition", "service_healthy"),
                Map.of("condition", compose.services().get("kafka-topics").dependsOn().get("kafka").condition()));
    }

    @Test
    void theTopicsJobCreatesTheSevenTopicsOfTheEventsModule() throws Exception {
        ComposeFile.Service topics = ComposeChecks.read(COMPOSE).services().get("kafka-topics");

        assertEquals(Set.of(Topics.REVISIONS_SUBMITTED, Topics.REVISIONS_ARCHIVED, Topics.REVISIONS_DLQ, Topics.ARCHIVED_DLQ,
                        Topics.IMPORTS, Topics.LOG_CHECKPOINTS, Topics.TEXT_KEYS),
                topics.command().stream().map(a -> a.split(":")[0]).collect(Collectors.toSet()));
        // only the import reports, the log checkpoints and the text keys are compacted: the logs are kept whole
        assertEquals(List.of(Topics.IMPORTS + ":1:compact", Topics.LOG_CHECKPOINTS + ":1:compact"),
                topics.command().stream().filter(a -> a.endsWith(":compact")).toList());
        assertTrue(topics.command().contains(Topics.TEXT_KEYS + ":1:keys"), topics.command().toString());
        // the keys' compaction, as the devstack sets it (ADR 0042)
        String script = java.nio.file.Files.readString(COMPOSE.resolveSibling("kafka/create-topics.sh"));
        Topics.TEXT_KEYS_COMPACTION.forEach((name, value) ->
                assertTrue(script.contains("--config " + name + "=" + value), name + "=" + value));
        // the submitted topic in segments the archive's trimming can delete (ADR 0042)
        assertTrue(topics.command().contains(Topics.REVISIONS_SUBMITTED + ":3:trimmed"), topics.command().toString());
        Topics.SUBMITTED_SEGMENTS.forEach((name, value) ->
                assertTrue(script.contains("--config " + name + "=" + value), name + "=" + value));
        assertEquals("no", topics.restart());
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            "8081:8081"                                         | "8081:8080"                                        | ports [8081:8080] do not publish container port 8081
            KAFKA_BOOTSTRAP_SERVERS: kafka:9092                 | KAFKA_BOOTSTRAP_SERVER: kafka:9092                 | environment variable KAFKA_BOOTSTRAP_SERVER sets nothing ingest-service reads
            KAFKA_BOOTSTRAP_SERVERS: kafka:9092                 | KAFKA_BOOTSTRAP_SERVERS: kafka:9093                | KAFKA_BOOTSTRAP_SERVERS kafka:9093 is not an advertised listener of kafka
            PALIMPSEST_INGEST_QUERY_URL: http://localhost:8080  | PALIMPSEST_INGEST_QUERYURL: http://localhost:8080  | ingest-service needs environment variable PALIMPSEST_INGEST_QUERY_URL
            jdbc:postgresql://postgres:5432/query               | jdbc:postgresql://postgres:5432/querys             | database querys is not created by the init script
            QUARKUS_DATASOURCE_USERNAME: archive                | QUARKUS_DATASOURCE_USERNAME: postgres              | QUARKUS_DATASOURCE_USERNAME postgres is not archive
            http://localhost:8082/q/health/ready                | http://localhost:8082/q/health/live                | healthcheck must call the readiness endpoint http://localhost:8082/q/health/ready
            - palimpsest.revisions.dlq:1                        | - palimpsest.revisions.dlq-typo:1                  | created [palimpsest.archived.dlq, palimpsest.imports, palimpsest.log.checkpoints, palimpsest.revisions.archived, palimpsest.revisions.dlq-typo, palimpsest.revisions.submitted, palimpsest.text-keys]
            - kafka-data:/var/lib/kafka/data                    | - kafka-logs:/var/lib/kafka/data                   | volume kafka-logs is not declared under the top-level volumes
            postgres:\\n        condition: service_healthy      | postgres:\\n        condition: service_started     | archive-service: must depend on postgres with condition service_healthy
            condition: service_healthy                          | condition: service_started                         | ingest-service: does not wait (depends_on, healthy or completed) for Kafka
            image: postgres:17                                  | image: postgres:16                                 | image postgres:16 is not PostgreSQL 17
            image: apache/kafka:4.4.0                           | image: apache/kafka:3.9.0                          | image apache/kafka:3.9.0 is not Kafka 4.4.0
            palimpsest/query-service:0.1.0-SNAPSHOT             | palimpsest/query-service:latest                    | image tag latest is not 0.1.0-SNAPSHOT
            ./postgres/init-databases.sh:                       | ./postgres/init-db.sh:                             | bind mount ./postgres/init-db.sh does not exist
            restart: "no"                                       | restart: unless-stopped                            | waits for kafka-topics to complete, but kafka-topics restarts
            GC_CONTAINER_OPTIONS: "-XX:+UseSerialGC"            | GC_CONTAINER_OPTIONS: "-XX:+UseParallelGC"         | environment variable GC_CONTAINER_OPTIONS is
            LogManager -XX:+UseSerialGC                         | LogManager -XX:+UseG1GC                            | environment variable JAVA_OPTS_APPEND is
            MALLOC_ARENA_MAX:                                   | MALLOC_ARENAS:                                     | needs environment variable MALLOC_ARENA_MAX=2
            mem_limit: 512m                                     | mem_limit: 200m                                    | memory limit 200 MiB is less than twice the heap
            mem_limit: 512m                                     | restart: unless-stopped                            | needs a mem_limit
            """)
    void aMistakeInTheComposeFileIsReported(String from, String to, String expected) {
        ManifestCopy copy = ManifestCopy.of(directory)
                .edit("compose/docker-compose.yml", from.replace("\\n", "\n"), to.replace("\\n", "\n"));

        List<Finding> findings = ComposeChecks.check(copy.composeFile(), REPOSITORY);

        assertTrue(findings.stream().anyMatch(f -> f.toString().contains(expected)),
                () -> "expected a finding containing \"" + expected + "\", got:\n"
                        + findings.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void aDatabaseTheInitScriptNoLongerCreatesIsReported() {
        ManifestCopy copy = ManifestCopy.of(directory)
                .edit("compose/postgres/init-databases.sh", "CREATE DATABASE archive OWNER archive", "CREATE DATABASE archives OWNER archive");

        List<Finding> findings = ComposeChecks.check(copy.composeFile(), REPOSITORY);

        assertTrue(findings.stream().anyMatch(f -> f.toString()
                .equals("archive-service: QUARKUS_DATASOURCE_JDBC_URL database archive is not created by the init script [archives, query]")),
                findings::toString);
    }

    @Test
    void topicsCreatedWithATooSmallRecordLimitAreReported() {
        ManifestCopy copy = ManifestCopy.of(directory)
                .edit("compose/kafka/create-topics.sh", "max.message.bytes=33554432", "max.message.bytes=1048588");

        List<Finding> findings = ComposeChecks.check(copy.composeFile(), REPOSITORY);

        assertTrue(findings.stream().anyMatch(f -> f.toString().contains("max.message.bytes 1048588 is below")), findings::toString);
    }

    @Test
    void aMisspeltKeyFailsTheParse() {
        ManifestCopy copy = ManifestCopy.of(directory).edit("compose/docker-compose.yml", "healthcheck:", "healtcheck:");

        ManifestException error = assertThrows(ManifestException.class, () -> ComposeChecks.check(copy.composeFile(), REPOSITORY));
        assertTrue(error.getMessage().contains("healtcheck"), error.getMessage());
    }
}
