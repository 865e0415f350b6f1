package dev.palimpsest.deploy.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palimpsest.deploy.cnpg.CnpgCluster;
import dev.palimpsest.deploy.compose.ComposeFile;
import dev.palimpsest.deploy.kustomize.Kustomization;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A misspelt field fails the parse, in every model: fabric8's, Strimzi's, ours. */
class StrictYamlTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ingest-service
            spec:
              replicas: 2
              selector:
                matchLabels: {app: ingest}
              template:
                metadata:
                  labels: {app: ingest}
                spec:
                  containers:
                    - name: ingest
                      image: palimpsest/ingest-service:0.1.0-SNAPSHOT
                      %s:
                        httpGet: {path: /q/health/ready, port: http}
            """;

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    @Test
    void aKnownFieldBindsToFabric8sModel() throws Exception {
        Deployment deployment = StrictYaml.bind(yaml(DEPLOYMENT.formatted("readinessProbe")), Deployment.class, "test");

        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("http", container.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals(2, deployment.getSpec().getReplicas());
    }

    @Test
    void aMisspeltFieldOfADeploymentFailsInsteadOfLandingInAdditionalProperties() throws Exception {
        ManifestException error = assertThrows(ManifestException.class,
                () -> StrictYaml.bind(yaml(DEPLOYMENT.formatted("readinesProbe")), Deployment.class, "ingest.yaml"));

        assertTrue(error.getMessage().contains("readinesProbe"), error.getMessage());
        assertTrue(error.getMessage().startsWith("ingest.yaml"), error.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeFails() throws Exception {
        String text = DEPLOYMENT.formatted("readinessProbe").replace("replicas: 2", "replicas: two");

        assertThrows(ManifestException.class, () -> StrictYaml.bind(yaml(text), Deployment.class, "test"));
    }

    @Test
    void aMisspeltFieldOfAStrimziTopicFails() throws Exception {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: palimpsest}}
                spec: {topicName: palimpsest.revisions.submitted, partitons: 6, replicas: 3}
                """;

        ManifestException error = assertThrows(ManifestException.class,
                () -> StrictYaml.bind(yaml(topic), KafkaTopic.class, "test"));
        assertTrue(error.getMessage().contains("partitons"), error.getMessage());
        assertEquals(6, StrictYaml.bind(yaml(topic.replace("partitons", "partitions")), KafkaTopic.class, "test")
                .getSpec().getPartitions());
    }

    @Test
    void aMisspeltFieldDeepInAStrimziKafkaFails() throws Exception {
        String kafka = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: palimpsest}
                spec:
                  kafka:
                    listeners:
                      - {name: plain, port: 9092, type: internal, tsl: false}
                """;

        ManifestException error = assertThrows(ManifestException.class, () -> StrictYaml.bind(yaml(kafka), Kafka.class, "test"));
        assertTrue(error.getMessage().contains("tsl"), error.getMessage());
    }

    @Test
    void aMisspeltFieldOfOurCloudNativePgRecordsFails() throws Exception {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pg}
                spec: {instance: 3}
                """;

        ManifestException error = assertThrows(ManifestException.class,
                () -> StrictYaml.bind(yaml(cluster), CnpgCluster.class, "test"));
        assertTrue(error.getMessage().contains("instance"), error.getMessage());
        assertEquals(3, StrictYaml.bind(yaml(cluster.replace("instance:", "instances:")), CnpgCluster.class, "test")
                .instanceCount());
    }

    @Test
    void aComposeKeyOutsideTheModelledSubsetFails() throws Exception {
        String compose = """
                services:
                  kafka:
                    image: apache/kafka:4.4.0
                    healtcheck: {test: ["CMD", "true"]}
                """;

        ManifestException error = assertThrows(ManifestException.class,
                () -> StrictYaml.bind(yaml(compose), ComposeFile.class, "test"));
        assertTrue(error.getMessage().contains("healtcheck"), error.getMessage());
    }

    @Test
    void aKustomizeFieldTheRendererDoesNotImplementFails() throws Exception {
        String kustomization = """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [a.yaml]
                commonLabels: {team: archive}
                """;

        ManifestException error = assertThrows(ManifestException.class,
                () -> StrictYaml.bind(yaml(kustomization), Kustomization.class, "test"));
        assertTrue(error.getMessage().contains("commonLabels"), error.getMessage());
    }
}
