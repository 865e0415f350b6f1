package dev.palimpsest.deploy.kubernetes;

import dev.palimpsest.deploy.ManifestCopy;
import dev.palimpsest.deploy.SourceTree;
import dev.palimpsest.deploy.consistency.Finding;
import dev.palimpsest.deploy.consistency.Repository;
import dev.palimpsest.deploy.kustomize.KustomizeRenderer;
import dev.palimpsest.deploy.yaml.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real mistake at a time in a copy of the manifests: the checks must name it. (The copy is otherwise the
 * committed one, which has no findings: KubernetesOverlaysTest.)
 */
class KubernetesMisconfigurationTest {

    private static final Repository REPOSITORY = SourceTree.repository();

    @TempDir
    Path directory;

    private List<Finding> findings(ManifestCopy copy, String overlay) {
        return KubernetesChecks.check(KubernetesManifests.bind(new KustomizeRenderer().render(copy.overlay(overlay))),
                REPOSITORY);
    }

    @ParameterizedTest(name = "{0}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            dev  | kubernetes/base/ingest-service.yaml   | containerPort: 8081                          | containerPort: 8018                           | no container port 8081
            dev  | kubernetes/base/query-service.yaml    | path: /q/health/ready                        | path: /q/health/redy                          | readinessProbe path /q/health/redy
            dev  | kubernetes/base/archive-service.yaml  | path: /q/health/live                         | path: /q/health/ready                         | livenessProbe path /q/health/ready is not the live endpoint
            dev  | kubernetes/base/archive-service.yaml  | port: http                                   | port: 8080                                    | startupProbe port 8080 is not archive-service's HTTP port 8082
            dev  | kubernetes/base/ingest-service.yaml   | KAFKA_BOOTSTRAP_SERVERS:                     | KAFKA_BOOTSTRAP_SERVER:                       | KAFKA_BOOTSTRAP_SERVER (from ConfigMap ingest-service-config) sets nothing ingest-service reads
            dev  | kubernetes/base/ingest-service.yaml   | KAFKA_BOOTSTRAP_SERVERS:                     | KAFKA_BOOTSTRAP_SERVER:                       | ingest-service needs environment variable KAFKA_BOOTSTRAP_SERVERS
            dev  | kubernetes/base/ingest-service.yaml   | palimpsest-kafka-bootstrap:9092              | palimpsest-kafka-bootstrap:9093               | KAFKA_BOOTSTRAP_SERVERS port 9093 is no plain listener
            dev  | kubernetes/base/archive-service.yaml  | MP_JWT_VERIFY_ISSUER:                        | MP_JWT_ISSUER:                                | MP_JWT_ISSUER (from ConfigMap archive-service-config) sets nothing archive-service reads
            dev  | kubernetes/base/query-service.yaml    | KAFKA_BOOTSTRAP_SERVERS: palimpsest-kafka-bootstrap:9092 | KAFKA_BOOTSTRAP_SERVERS: palimpsest-kafka-bootstrap:9092\\n  PALIMPSEST_ARCHIVE_RETRY_MAX_BACKOFF: 1s | PALIMPSEST_ARCHIVE_RETRY_MAX_BACKOFF (from ConfigMap query-service-config) sets nothing query-service reads
            dev  | kubernetes/base/archive-service.yaml  | GC_CONTAINER_OPTIONS: "-XX:+UseSerialGC"     | GC_CONTAINER_OPTIONS: "-XX:+UseG1GC"          | environment variable GC_CONTAINER_OPTIONS is
            dev  | kubernetes/base/query-service.yaml    | LogManager -XX:+UseSerialGC                  | LogManager -XX:+UseG1GC                       | environment variable JAVA_OPTS_APPEND is
            dev  | kubernetes/base/ingest-service.yaml   | MALLOC_ARENA_MAX:                            | MALLOC_ARENAS:                                | MALLOC_ARENAS (from ConfigMap ingest-service-config) sets nothing ingest-service reads
            dev  | kubernetes/base/ingest-service.yaml   | MALLOC_ARENA_MAX:                            | MALLOC_ARENAS:                                | needs environment variable MALLOC_ARENA_MAX=2
            dev  | kubernetes/base/archive-service.yaml  | limits:\\n              memory: 512Mi        | limits:\\n              memory: 200Mi         | memory limit 200 MiB is less than twice the heap
            dev  | kubernetes/base/kafka-topics.yaml     | topicName: palimpsest.revisions.archived     | topicName: palimpsest.revision.archived       | no KafkaTopic for palimpsest.revisions.archived
            dev  | kubernetes/base/kafka-topics.yaml     | topicName: palimpsest.revisions.archived     | topicName: palimpsest.revision.archived       | channel revisions-archived uses topic palimpsest.revisions.archived, which no KafkaTopic creates
            dev  | kubernetes/base/kafka-topics.yaml     | retention.ms: -1                             | retention.ms: 604800000                       | retention.ms is 604800000, not -1
            dev  | kubernetes/base/kafka-topics.yaml     | max.message.bytes: 33554432                  | max.message.bytes: 1048588                    | max.message.bytes 1048588 is below ingest-service's max.request.size 33554432
            dev  | kubernetes/base/query-service.yaml    | jdbc:postgresql://palimpsest-pg-rw:5432/query | jdbc:postgresql://palimpsest-pg-rw:5432/queries | database queries is not a database of Cluster/palimpsest-pg
            dev  | kubernetes/base/query-service.yaml    | jdbc:postgresql://palimpsest-pg-rw:5432/query | jdbc:postgresql://palimpsest-pg:5432/query    | host palimpsest-pg is no PostgreSQL cluster's read-write Service
            dev  | kubernetes/base/archive-service.yaml  | jdbc:postgresql://palimpsest-pg-rw:5432/archive | jdbc:postgresql://palimpsest-pg-rw:5432/query | QUARKUS_DATASOURCE_USERNAME must come from key username of Secret palimpsest-query-db
            dev  | kubernetes/base/postgres.yaml         | name: query                                  | name: queries                                 | database query is owned by query, which is neither the bootstrap owner nor a managed role
            dev  | kubernetes/base/postgres.yaml         | ghcr.io/cloudnative-pg/postgresql:17         | ghcr.io/cloudnative-pg/postgresql:16          | imageName ghcr.io/cloudnative-pg/postgresql:16 is not PostgreSQL 17
            dev  | kubernetes/overlays/dev/secrets.yaml  | username: archive                            | username: archiv                              | username archiv is not the role archive
            dev  | kubernetes/overlays/dev/secrets.yaml  | name: palimpsest-query-db                    | name: palimpsest-query-database               | Secret palimpsest-query-db (password of role query) does not exist
            dev  | kubernetes/base/ingest-service.yaml   | name: ingest-service-config                  | name: ingest-config                           | envFrom ConfigMap ingest-service-config does not exist
            dev  | kubernetes/base/archive-service.yaml  | key: password                                | key: pasword                                  | Secret palimpsest-archive-db has no key pasword
            dev  | kubernetes/base/ingest-service.yaml   | palimpsest/ingest-service:0.1.0-SNAPSHOT     | palimpsest/ingest-service:0.1.0               | image tag 0.1.0 is not 0.1.0-SNAPSHOT
            dev  | kubernetes/base/ingest-service.yaml   | palimpsest/ingest-service:0.1.0-SNAPSHOT     | palimpsest/ingest:0.1.0-SNAPSHOT              | no Deployment runs ingest-service
            dev  | kubernetes/base/query-service.yaml    | port: 8080                                   | port: 80                                      | port 80 is not query-service's quarkus.http.port 8080
            dev  | kubernetes/base/query-service.yaml    | targetPort: http                             | targetPort: web                               | targetPort web is no port of Deployment/query-service
            dev  | kubernetes/base/archive-service.yaml  | maxUnavailable: 1\\n  selector:\\n    matchLabels:\\n      app.kubernetes.io/name: archive-service | maxUnavailable: 1\\n  selector:\\n    matchLabels:\\n      app.kubernetes.io/name: archive | selects no Deployment's pods
            dev  | kubernetes/base/query-service.yaml    | name: query-service\\n  minReplicas: 1         | name: query-servce\\n  minReplicas: 1          | scaleTargetRef Deployment/query-servce does not exist
            dev  | kubernetes/base/query-service.yaml    | maxReplicas: 3                               | maxReplicas: 4                                | up to 4 instances consume palimpsest.revisions.archived (group palimpsest-query), which has 3 partitions
            dev  | kubernetes/overlays/dev/ingest-service.yaml | replicas: 1                            | replicas: 1\\n  selector: {matchLabels: {app: other}} | does not select its own pods
            dev  | kubernetes/base/kafka.yaml            | strimzi.io/kraft: enabled                    | strimzi.io/kraft: disabled                    | annotation strimzi.io/kraft must be "enabled"
            dev  | kubernetes/base/kafka.yaml            | offsets.topic.replication.factor: 1          | offsets.topic.replication.factor: 3           | offsets.topic.replication.factor = 3 exceeds the 1 brokers
            prod | kubernetes/overlays/prod/query-service-autoscaler.yaml | maxReplicas: 6              | maxReplicas: 8                                | up to 8 instances consume palimpsest.revisions.archived
            prod | kubernetes/overlays/prod/archive-service.yaml | replicas: 3                         | replicas: 7                                   | up to 7 instances consume palimpsest.revisions.submitted (group palimpsest-archive), which has 6 partitions
            prod | kubernetes/overlays/prod/topics-replicated.yaml | min.insync.replicas: 2             | min.insync.replicas: 3                        | losing one broker would refuse every acks=all write
            prod | kubernetes/overlays/prod/topics-replicated.yaml | min.insync.replicas: 2             | min.insync.replicas: 1                        | an acknowledged write could live on one broker only
            prod | kubernetes/overlays/prod/kafka-node-pool.yaml | replicas: 3                          | replicas: 2                                   | 2 controllers: a KRaft quorum needs an odd number
            prod | kubernetes/overlays/prod/kafka-node-pool.yaml | replicas: 3                          | replicas: 2                                   | replicas 3 with 2 brokers
            prod | kubernetes/overlays/prod/kustomization.yaml | palimpsest-archive-db,palimpsest-query-db | palimpsest-query-db                         | Secret palimpsest-archive-db (password of role archive) does not exist
            prod | kubernetes/overlays/prod/query-service-autoscaler.yaml | minReplicas: 2               | minReplicas: 7                                | minReplicas 7 exceeds maxReplicas 6
            prod | kubernetes/overlays/prod/topics-partitioned.yaml | partitions: 6                    | partitions: 2                                 | up to 3 instances consume palimpsest.revisions.submitted (group palimpsest-archive), which has 2 partitions
            """)
    void aMistakeIsReported(String overlay, String file, String from, String to, String expected) {
        ManifestCopy copy = ManifestCopy.of(directory).edit(file, unescape(from), unescape(to));

        List<Finding> findings = findings(copy, overlay);

        assertTrue(findings.stream().anyMatch(f -> f.toString().contains(expected)),
                () -> "expected a finding containing \"" + expected + "\", got:\n"
                        + findings.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void aMisspeltFieldInAManifestFailsTheParse() {
        ManifestCopy copy = ManifestCopy.of(directory)
                .edit("kubernetes/base/ingest-service.yaml", "readinessProbe:", "readinesProbe:");

        ManifestException error = assertThrows(ManifestException.class, () -> findings(copy, "dev"));
        assertTrue(error.getMessage().contains("readinesProbe") && error.getMessage().contains("Deployment/ingest-service"),
                error.getMessage());
    }

    @Test
    void aKindWithoutAModelFailsTheParse() {
        ManifestCopy copy = ManifestCopy.of(directory)
                .edit("kubernetes/base/kafka-topics.yaml", "kind: KafkaTopic", "kind: KafkaTopics");

        ManifestException error = assertThrows(ManifestException.class, () -> findings(copy, "dev"));
        assertTrue(error.getMessage().contains("no model for apiVersion kafka.strimzi.io/v1 kind KafkaTopics"), error.getMessage());
    }

    @Test
    void aPatchTargetThatSelectsNothingFailsTheRendering() {
        ManifestCopy copy = ManifestCopy.of(directory)
                .edit("kubernetes/overlays/prod/kustomization.yaml", "name: revisions-(submitted|archived)", "name: revision-(submitted|archived)");

        ManifestException error = assertThrows(ManifestException.class, () -> findings(copy, "prod"));
        assertTrue(error.getMessage().contains("selects no resource"), error.getMessage());
    }

    @Test
    void anUntouchedCopyHasNoFindings() {
        assertEquals(List.of(), findings(ManifestCopy.of(directory), "prod"));
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }
}
