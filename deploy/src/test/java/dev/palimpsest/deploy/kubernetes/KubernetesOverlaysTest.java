package dev.palimpsest.deploy.kubernetes;

import dev.palimpsest.deploy.SourceTree;
import dev.palimpsest.deploy.cnpg.CnpgCluster;
import dev.palimpsest.deploy.consistency.JdbcUrl;
import dev.palimpsest.deploy.consistency.Repository;
import dev.palimpsest.deploy.consistency.ServiceConfiguration;
import dev.palimpsest.deploy.kustomize.KustomizeRenderer;
import dev.palimpsest.deploy.kustomize.RenderedOverlay;
import dev.palimpsest.events.Topics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed overlays: rendered, bound to typed models, consistent, and sized as each environment needs. */
class KubernetesOverlaysTest {

    private static final Repository REPOSITORY = SourceTree.repository();

    private static RenderedOverlay render(String overlay) {
        return new KustomizeRenderer().render(SourceTree.kubernetes().resolve("overlays/" + overlay));
    }

    private static KubernetesManifests manifests(String overlay) {
        return KubernetesManifests.bind(render(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlayIsConsistentWithItselfAndWithTheServices(String overlay) {
        var findings = KubernetesChecks.check(manifests(overlay), REPOSITORY);

        assertEquals(List.of(), findings, () -> overlay + ":\n" + findings.stream().map(Object::toString)
                .collect(Collectors.joining("\n")));
    }

    @Test
    void theBaseRendersAloneToo() {
        RenderedOverlay base = new KustomizeRenderer().render(SourceTree.kubernetes().resolve("base"));

        Set<String> kinds = base.resources().stream().map(r -> r.kind()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("Cluster", "ConfigMap", "Database", "Deployment", "HorizontalPodAutoscaler", "Kafka",
                "KafkaNodePool", "KafkaTopic", "PodDisruptionBudget", "Service"), kinds);
        KubernetesManifests.bind(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyResourceLandsInTheOverlaysNamespace(String overlay) {
        RenderedOverlay rendered = render(overlay);
        String namespace = overlay.equals("dev") ? "palimpsest-dev" : "palimpsest";

        rendered.resources().forEach(r ->
                assertEquals(namespace, r.tree().path("metadata").path("namespace").asText(), r.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTopicsAreExactlyThoseOfTheEventsModuleAndKeptForever(String overlay) {
        KubernetesManifests manifests = manifests(overlay);

        assertEquals(new TreeSet<>(List.of(Topics.REVISIONS_SUBMITTED, Topics.REVISIONS_ARCHIVED, Topics.REVISIONS_DLQ,
                        Topics.ARCHIVED_DLQ, Topics.IMPORTS, Topics.LOG_CHECKPOINTS, Topics.TEXT_KEYS)),
                manifests.topics().stream().map(KubernetesManifests::topicName).collect(Collectors.toCollection(TreeSet::new)));
        for (KafkaTopic topic : manifests.topics()) {
            assertEquals(-1, ((Number) topic.getSpec().getConfig().get("retention.ms")).intValue(), topic.getMetadata().getName());
            assertEquals(33554432, ((Number) topic.getSpec().getConfig().get("max.message.bytes")).intValue());
            // only the import reports, the log checkpoints and the text keys are compacted (the latest of each
            // import, log, key): the logs are kept whole
            String name = KubernetesManifests.topicName(topic);
            assertEquals(Set.of(Topics.IMPORTS, Topics.LOG_CHECKPOINTS, Topics.TEXT_KEYS).contains(name)
                            ? "compact" : null,
                    topic.getSpec().getConfig().get("cleanup.policy"), topic.getMetadata().getName());
            if (name.equals(Topics.REVISIONS_SUBMITTED)) {
                // in segments the archive's trimming can delete (ADR 0042)
                Topics.SUBMITTED_SEGMENTS.forEach((config, value) -> assertEquals(value,
                        String.valueOf(topic.getSpec().getConfig().get(config)), config));
            }
            if (name.equals(Topics.TEXT_KEYS)) {
                // a destroyed key's bytes compacted away within minutes (ADR 0042)
                Topics.TEXT_KEYS_COMPACTION.forEach((config, value) -> assertEquals(value,
                        String.valueOf(topic.getSpec().getConfig().get(config)), config));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServicesReachTheirOwnDatabasesInTheOneCluster(String overlay) {
        KubernetesManifests manifests = manifests(overlay);
        CnpgCluster cluster = manifests.postgresClusters().get(0);

        Map<String, String> databases = KubernetesChecks.databases(manifests, cluster);
        assertEquals(Map.of("archive", "archive", "query", "query"), databases);
        for (String service : List.of("archive-service", "query-service")) {
            String url = manifests.configMap(service + "-config").orElseThrow().getData().get("QUARKUS_DATASOURCE_JDBC_URL");
            JdbcUrl jdbc = JdbcUrl.parse(url).orElseThrow();
            // the same database the service uses by default (its application.properties, the devstack's layout)
            JdbcUrl defaults = JdbcUrl.parse(REPOSITORY.services().get(service).required("quarkus.datasource.jdbc.url")).orElseThrow();
            assertEquals(defaults.database(), jdbc.database(), service);
            assertEquals("palimpsest-pg-rw", jdbc.host());
        }
    }

    @Test
    void devRunsOneOfEverything() {
        KubernetesManifests manifests = manifests("dev");

        assertEquals(1, KubernetesChecks.brokers(manifests, "palimpsest"));
        assertEquals(1, manifests.postgresClusters().get(0).instanceCount());
        manifests.topics().forEach(t -> assertEquals(1, t.getSpec().getReplicas(), t.getMetadata().getName()));
        manifests.deployments().stream().filter(d -> d.getSpec().getReplicas() != null)
                .forEach(d -> assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName()));
        assertEquals(Set.of("palimpsest-archive-db", "palimpsest-query-db", "palimpsest-log-key"),
                manifests.secrets().stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet()));
    }

    @Test
    void prodReplicatesEverythingThreeTimesAndAcknowledgesOnTwo() {
        KubernetesManifests manifests = manifests("prod");

        assertEquals(3, KubernetesChecks.brokers(manifests, "palimpsest"));
        assertEquals(3, manifests.postgresClusters().get(0).instanceCount());
        for (KafkaTopic topic : manifests.topics()) {
            assertEquals(3, topic.getSpec().getReplicas(), topic.getMetadata().getName());
            assertEquals(2, ((Number) topic.getSpec().getConfig().get("min.insync.replicas")).intValue());
        }
        assertEquals(6, manifests.topicNamed(Topics.REVISIONS_SUBMITTED).orElseThrow().getSpec().getPartitions());
        assertEquals(6, manifests.topicNamed(Topics.REVISIONS_ARCHIVED).orElseThrow().getSpec().getPartitions());
        Map<String, Object> config = manifests.kafkas().get(0).getSpec().getKafka().getConfig();
        assertEquals(3, ((Number) config.get("default.replication.factor")).intValue());
        assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue());
        // the database passwords are not in the repository: the overlay names them as created from outside
        assertEquals(List.of(), manifests.secrets());
        assertEquals(Set.of("palimpsest-archive-db", "palimpsest-query-db", "palimpsest-log-key"),
                manifests.externalSecrets());
    }

    @Test
    void prodNeverRunsMoreConsumersThanTheirTopicHasPartitions() {
        KubernetesManifests manifests = manifests("prod");
        int archivePartitions = manifests.topicNamed(Topics.REVISIONS_SUBMITTED).orElseThrow().getSpec().getPartitions();
        int queryPartitions = manifests.topicNamed(Topics.REVISIONS_ARCHIVED).orElseThrow().getSpec().getPartitions();

        Deployment archive = manifests.deployment("archive-service").orElseThrow();
        assertEquals(3, archive.getSpec().getReplicas());
        assertTrue(archive.getSpec().getReplicas() <= archivePartitions);
        var autoscaler = manifests.autoscalers().get(0);
        assertEquals("query-service", autoscaler.getSpec().getScaleTargetRef().getName());
        assertEquals(2, autoscaler.getSpec().getMinReplicas());
        assertEquals(6, autoscaler.getSpec().getMaxReplicas());
        assertTrue(autoscaler.getSpec().getMaxReplicas() <= queryPartitions);
    }

    @Test
    void prodPullsTheImagesFromItsRegistryWithTheTagJibGives() {
        KubernetesManifests manifests = manifests("prod");

        for (ServiceConfiguration service : REPOSITORY.services().values()) {
            Deployment deployment = manifests.deployment(service.name()).orElseThrow();
            assertEquals("registry.example.org/" + service.imageGroupAndName() + ":" + REPOSITORY.projectVersion(),
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceIsProbedOnItsOwnPortAndHealthPaths(String overlay) {
        KubernetesManifests manifests = manifests(overlay);

        for (ServiceConfiguration service : REPOSITORY.services().values()) {
            var container = manifests.deployment(service.name()).orElseThrow().getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            assertEquals(service.httpPort(), container.getPorts().get(0).getContainerPort(), service.name());
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath());
        }
    }
}
