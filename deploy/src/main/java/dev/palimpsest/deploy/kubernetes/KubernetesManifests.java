package dev.palimpsest.deploy.kubernetes;

import dev.palimpsest.deploy.cnpg.CnpgCluster;
import dev.palimpsest.deploy.cnpg.CnpgDatabase;
import dev.palimpsest.deploy.kustomize.RenderedOverlay;
import dev.palimpsest.deploy.kustomize.RenderedResource;
import dev.palimpsest.deploy.yaml.ManifestException;
import dev.palimpsest.deploy.yaml.StrictYaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rendered overlay bound to typed models: fabric8's for the built-in kinds, Strimzi's api for Kafka, KafkaNodePool
 * and KafkaTopic, our own records for CloudNativePG. A kind or apiVersion without a model here is an error, and so
 * is any field its model does not know ({@link StrictYaml}).
 */
public record KubernetesManifests(List<Deployment> deployments,
                                  List<Service> services,
                                  List<PodDisruptionBudget> disruptionBudgets,
                                  List<HorizontalPodAutoscaler> autoscalers,
                                  List<ConfigMap> configMaps,
                                  List<Secret> secrets,
                                  List<Kafka> kafkas,
                                  List<KafkaNodePool> nodePools,
                                  List<KafkaTopic> topics,
                                  List<CnpgCluster> postgresClusters,
                                  List<CnpgDatabase> postgresDatabases,
                                  Set<String> externalSecrets) {

    public static KubernetesManifests bind(RenderedOverlay overlay) {
        KubernetesManifests manifests = new KubernetesManifests(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), overlay.externalSecrets());
        for (RenderedResource resource : overlay.resources()) {
            String where = resource.source() + " (" + resource.id() + ")";
            switch (resource.apiVersion() + " " + resource.kind()) {
                case "apps/v1 Deployment" -> manifests.deployments.add(StrictYaml.bind(resource.tree(), Deployment.class, where));
                case "v1 Service" -> manifests.services.add(StrictYaml.bind(resource.tree(), Service.class, where));
                case "policy/v1 PodDisruptionBudget" ->
                        manifests.disruptionBudgets.add(StrictYaml.bind(resource.tree(), PodDisruptionBudget.class, where));
                case "autoscaling/v2 HorizontalPodAutoscaler" ->
                        manifests.autoscalers.add(StrictYaml.bind(resource.tree(), HorizontalPodAutoscaler.class, where));
                case "v1 ConfigMap" -> manifests.configMaps.add(StrictYaml.bind(resource.tree(), ConfigMap.class, where));
                case "v1 Secret" -> manifests.secrets.add(StrictYaml.bind(resource.tree(), Secret.class, where));
                case "kafka.strimzi.io/v1 Kafka" -> manifests.kafkas.add(StrictYaml.bind(resource.tree(), Kafka.class, where));
                case "kafka.strimzi.io/v1 KafkaNodePool" ->
                        manifests.nodePools.add(StrictYaml.bind(resource.tree(), KafkaNodePool.class, where));
                case "kafka.strimzi.io/v1 KafkaTopic" ->
                        manifests.topics.add(StrictYaml.bind(resource.tree(), KafkaTopic.class, where));
                case "postgresql.cnpg.io/v1 Cluster" ->
                        manifests.postgresClusters.add(StrictYaml.bind(resource.tree(), CnpgCluster.class, where));
                case "postgresql.cnpg.io/v1 Database" ->
                        manifests.postgresDatabases.add(StrictYaml.bind(resource.tree(), CnpgDatabase.class, where));
                default -> throw new ManifestException(where + ": no model for apiVersion " + resource.apiVersion()
                        + " kind " + resource.kind());
            }
        }
        return manifests;
    }

    public Optional<ConfigMap> configMap(String name) {
        return configMaps.stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    public Optional<Secret> secret(String name) {
        return secrets.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    public boolean secretExists(String name) {
        return secret(name).isPresent() || externalSecrets.contains(name);
    }

    public Optional<Deployment> deployment(String name) {
        return deployments.stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
    }

    public Optional<KafkaTopic> topicNamed(String topicName) {
        return topics.stream().filter(t -> topicName(t).equals(topicName)).findFirst();
    }

    /** The Kafka topic's name: spec.topicName, or the resource's name when that is absent (Strimzi's rule). */
    public static String topicName(KafkaTopic topic) {
        String explicit = topic.getSpec() == null ? null : topic.getSpec().getTopicName();
        return explicit != null ? explicit : topic.getMetadata().getName();
    }
}
