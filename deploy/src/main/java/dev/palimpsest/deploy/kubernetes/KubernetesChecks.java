package dev.palimpsest.deploy.kubernetes;

import dev.palimpsest.deploy.cnpg.CnpgCluster;
import dev.palimpsest.deploy.cnpg.CnpgDatabase;
import dev.palimpsest.deploy.consistency.ContainerRuntime;
import dev.palimpsest.deploy.consistency.Finding;
import dev.palimpsest.deploy.consistency.JdbcUrl;
import dev.palimpsest.deploy.consistency.Repository;
import dev.palimpsest.deploy.consistency.ServiceConfiguration;
import dev.palimpsest.deploy.kustomize.ImageReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a rendered, typed overlay against itself (every reference resolves) and against the services' own
 * configuration (ports, probe paths, environment names, topics, databases, consumer groups). Each problem is a
 * {@link Finding}; an overlay is consistent when there are none.
 */
public final class KubernetesChecks {

    static final String CLUSTER_LABEL = "strimzi.io/cluster";
    private static final String KAFKA_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    private static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";

    private final KubernetesManifests manifests;
    private final Repository repository;
    private final List<Finding> findings = new ArrayList<>();

    private KubernetesChecks(KubernetesManifests manifests, Repository repository) {
        this.manifests = manifests;
        this.repository = repository;
    }

    public static List<Finding> check(KubernetesManifests manifests, Repository repository) {
        KubernetesChecks checks = new KubernetesChecks(manifests, repository);
        checks.kafkaClusters();
        checks.topics();
        checks.postgres();
        checks.deployments();
        checks.consumerGroups();
        checks.services();
        checks.disruptionBudgets();
        checks.autoscalers();
        return List.copyOf(checks.findings);
    }

    // ---- Kafka (Strimzi) ----------------------------------------------------------------------------------------

    /** Brokers of the named Kafka cluster: the replicas of its node pools that have the broker role. */
    public static int brokers(KubernetesManifests manifests, String cluster) {
        return manifests.nodePools().stream()
                .filter(p -> cluster.equals(label(p.getMetadata().getLabels(), CLUSTER_LABEL)))
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
    }

    private void kafkaClusters() {
        if (manifests.kafkas().isEmpty()) {
            add("Kafka", "no Kafka cluster");
        }
        for (Kafka kafka : manifests.kafkas()) {
            String where = "Kafka/" + kafka.getMetadata().getName();
            Map<String, String> annotations = Objects.requireNonNullElse(kafka.getMetadata().getAnnotations(), Map.of());
            for (String annotation : List.of("strimzi.io/kraft", "strimzi.io/node-pools")) {
                if (!"enabled".equals(annotations.get(annotation))) {
                    add(where, "annotation " + annotation + " must be \"enabled\" (KRaft with node pools)");
                }
            }
            int brokers = brokers(manifests, kafka.getMetadata().getName());
            long controllers = manifests.nodePools().stream()
                    .filter(p -> kafka.getMetadata().getName().equals(label(p.getMetadata().getLabels(), CLUSTER_LABEL)))
                    .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                    .mapToInt(p -> p.getSpec().getReplicas()).sum();
            if (brokers == 0) {
                add(where, "no node pool with the broker role");
            }
            if (controllers == 0 || controllers % 2 == 0) {
                add(where, controllers + " controllers: a KRaft quorum needs an odd number");
            }
            Map<String, Object> config = Objects.requireNonNullElse(kafka.getSpec().getKafka().getConfig(), Map.of());
            for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                    "default.replication.factor")) {
                Integer factor = integer(config.get(key));
                if (factor == null) {
                    add(where, "config " + key + " is not set (Kafka's default, 3, cannot be met by fewer brokers)");
                } else if (factor > brokers) {
                    add(where, "config " + key + " = " + factor + " exceeds the " + brokers + " brokers");
                }
            }
            Integer minIsr = integer(config.get("min.insync.replicas"));
            Integer defaultFactor = integer(config.get("default.replication.factor"));
            if (minIsr != null && defaultFactor != null && minIsr > defaultFactor) {
                add(where, "config min.insync.replicas = " + minIsr + " exceeds default.replication.factor = " + defaultFactor);
            }
        }
        for (KafkaNodePool pool : manifests.nodePools()) {
            String cluster = label(pool.getMetadata().getLabels(), CLUSTER_LABEL);
            if (manifests.kafkas().stream().noneMatch(k -> k.getMetadata().getName().equals(cluster))) {
                add("KafkaNodePool/" + pool.getMetadata().getName(), "label " + CLUSTER_LABEL + "=" + cluster
                        + " names no Kafka cluster");
            }
        }
    }

    private void topics() {
        Set<String> declared = new TreeSet<>();
        for (KafkaTopic topic : manifests.topics()) {
            String name = KubernetesManifests.topicName(topic);
            String where = "KafkaTopic/" + topic.getMetadata().getName();
            declared.add(name);
            String cluster = label(topic.getMetadata().getLabels(), CLUSTER_LABEL);
            if (manifests.kafkas().stream().noneMatch(k -> k.getMetadata().getName().equals(cluster))) {
                add(where, "label " + CLUSTER_LABEL + "=" + cluster + " names no Kafka cluster");
                continue;
            }
            int brokers = brokers(manifests, cluster);
            Integer replicas = topic.getSpec().getReplicas();
            Map<String, Object> config = Objects.requireNonNullElse(topic.getSpec().getConfig(), Map.of());
            if (replicas == null || replicas > brokers) {
                add(where, "replicas " + replicas + " with " + brokers + " brokers");
                continue;
            }
            Integer minIsr = integer(config.get("min.insync.replicas"));
            if (minIsr == null) {
                add(where, "config min.insync.replicas is not set");
            } else if (replicas > 1 && minIsr > replicas - 1) {
                add(where, "min.insync.replicas " + minIsr + " with replicas " + replicas
                        + ": losing one broker would refuse every acks=all write");
            } else if (replicas >= 3 && minIsr < 2) {
                add(where, "min.insync.replicas " + minIsr + " with replicas " + replicas
                        + ": an acknowledged write could live on one broker only");
            }
            if (!"-1".equals(String.valueOf(config.get("retention.ms")))) {
                add(where, "retention.ms is " + config.get("retention.ms") + ", not -1: Palimpsest's logs are kept forever");
            }
            Integer maxMessage = integer(config.get("max.message.bytes"));
            for (ServiceConfiguration service : repository.services().values()) {
                for (ServiceConfiguration.Channel channel : service.outgoing()) {
                    Integer request = integer(channel.attributes().get("max.request.size"));
                    if (channel.topic().equals(name) && request != null && (maxMessage == null || maxMessage < request)) {
                        add(where, "max.message.bytes " + maxMessage + " is below " + service.name() + "'s max.request.size "
                                + request + " for channel " + channel.name());
                    }
                }
            }
        }
        for (String topic : Repository.eventTopics()) {
            if (!declared.contains(topic)) {
                add("KafkaTopic", "no KafkaTopic for " + topic + " (dev.palimpsest.events.Topics)");
            }
        }
        for (String topic : declared) {
            if (!Repository.eventTopics().contains(topic)) {
                add("KafkaTopic", "topic " + topic + " is not one of dev.palimpsest.events.Topics");
            }
        }
        for (ServiceConfiguration service : repository.services().values()) {
            for (String direction : List.of("incoming", "outgoing")) {
                for (ServiceConfiguration.Channel channel : service.channels(direction)) {
                    if (!declared.contains(channel.topic())) {
                        add(service.name(), "channel " + channel.name() + " uses topic " + channel.topic()
                                + ", which no KafkaTopic creates");
                    }
                }
            }
        }
    }

    // ---- PostgreSQL (CloudNativePG) -----------------------------------------------------------------------------

    /** The databases of a cluster with their owners: the bootstrap database and every Database resource. */
    public static Map<String, String> databases(KubernetesManifests manifests, CnpgCluster cluster) {
        Map<String, String> databases = new LinkedHashMap<>();
        if (cluster.spec().bootstrap() != null && cluster.spec().bootstrap().initdb() != null) {
            CnpgCluster.InitDb initdb = cluster.spec().bootstrap().initdb();
            databases.put(initdb.database(), initdb.owner());
        }
        for (CnpgDatabase database : manifests.postgresDatabases()) {
            if (database.spec().cluster() != null && cluster.metadata().getName().equals(database.spec().cluster().name())) {
                databases.put(database.spec().name(), database.spec().owner());
            }
        }
        return databases;
    }

    /** The basic-auth Secret holding a role's password: the bootstrap owner's, or a managed role's. */
    private static Optional<String> roleSecret(CnpgCluster cluster, String role) {
        CnpgCluster.InitDb initdb = cluster.spec().bootstrap() == null ? null : cluster.spec().bootstrap().initdb();
        if (initdb != null && role.equals(initdb.owner())) {
            return Optional.ofNullable(initdb.secret()).map(CnpgCluster.LocalReference::name);
        }
        return cluster.managedRoles().stream().filter(r -> r.name().equals(role)).findFirst()
                .map(r -> r.passwordSecret() == null ? null : r.passwordSecret().name());
    }

    private void postgres() {
        for (CnpgCluster cluster : manifests.postgresClusters()) {
            String where = "Cluster/" + cluster.metadata().getName();
            if (!CnpgCluster.API_VERSION.equals(cluster.apiVersion())) {
                add(where, "apiVersion " + cluster.apiVersion());
            }
            String image = cluster.spec().imageName();
            if (image == null || !majorVersion(ImageReference.parse(image).tag()).equals(String.valueOf(repository.postgresMajorVersion()))) {
                add(where, "imageName " + image + " is not PostgreSQL " + repository.postgresMajorVersion()
                        + ", the version the services are tested with");
            }
            for (Map.Entry<String, String> database : databases(manifests, cluster).entrySet()) {
                String owner = database.getValue();
                Optional<String> secret = roleSecret(cluster, owner);
                if (secret.isEmpty()) {
                    add(where, "database " + database.getKey() + " is owned by " + owner
                            + ", which is neither the bootstrap owner nor a managed role with a password Secret");
                    continue;
                }
                if (!manifests.secretExists(secret.get())) {
                    add(where, "Secret " + secret.get() + " (password of role " + owner + ") does not exist");
                    continue;
                }
                manifests.secret(secret.get()).ifPresent(s -> {
                    if (!"kubernetes.io/basic-auth".equals(s.getType())) {
                        add("Secret/" + secret.get(), "type " + s.getType() + ", CloudNativePG needs kubernetes.io/basic-auth");
                    }
                    String username = secretValue(s, "username");
                    if (!owner.equals(username)) {
                        add("Secret/" + secret.get(), "username " + username + " is not the role " + owner);
                    }
                });
            }
        }
        for (CnpgDatabase database : manifests.postgresDatabases()) {
            String cluster = database.spec().cluster() == null ? null : database.spec().cluster().name();
            if (manifests.postgresClusters().stream().noneMatch(c -> c.metadata().getName().equals(cluster))) {
                add("Database/" + database.metadata().getName(), "cluster " + cluster + " does not exist");
            }
        }
    }

    // ---- Deployments --------------------------------------------------------------------------------------------

    private void deployments() {
        Set<String> deployed = new TreeSet<>();
        for (Deployment deployment : manifests.deployments()) {
            String where = "Deployment/" + deployment.getMetadata().getName();
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (selector == null || selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
                add(where, "selector " + selector + " does not select its own pods " + podLabels);
            }
            for (Volume volume : Objects.requireNonNullElse(deployment.getSpec().getTemplate().getSpec().getVolumes(), List.<Volume>of())) {
                if (volume.getConfigMap() != null && manifests.configMap(volume.getConfigMap().getName()).isEmpty()) {
                    add(where, "volume " + volume.getName() + ": ConfigMap " + volume.getConfigMap().getName() + " does not exist");
                }
                if (volume.getSecret() != null && !manifests.secretExists(volume.getSecret().getSecretName())) {
                    add(where, "volume " + volume.getName() + ": Secret " + volume.getSecret().getSecretName() + " does not exist");
                }
            }
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                ImageReference image = ImageReference.parse(container.getImage());
                Optional<ServiceConfiguration> service = repository.serviceOfImage(image.groupAndName());
                if (service.isEmpty()) {
                    add(where, "image " + container.getImage() + " is none of the services' images "
                            + repository.services().values().stream().map(ServiceConfiguration::imageGroupAndName).toList());
                    continue;
                }
                deployed.add(service.get().name());
                container(where, deployment, container, image, service.get());
            }
        }
        for (String service : repository.services().keySet()) {
            if (!deployed.contains(service)) {
                add("Deployment", "no Deployment runs " + service);
            }
        }
    }

    private void container(String where, Deployment deployment, Container container, ImageReference image,
                           ServiceConfiguration service) {
        String expectedTag = service.imageTag(repository.projectVersion());
        if (!expectedTag.equals(image.tag())) {
            add(where, "image tag " + image.tag() + " is not " + expectedTag + " (the tag Jib gives " + service.name() + ")");
        }
        int port = service.httpPort();
        List<ContainerPort> ports = Objects.requireNonNullElse(container.getPorts(), List.of());
        if (ports.stream().noneMatch(p -> p.getContainerPort() == port)) {
            add(where, "no container port " + port + " (" + service.name() + "'s quarkus.http.port); declared "
                    + ports.stream().map(ContainerPort::getContainerPort).toList());
        }
        probe(where, "startupProbe", container.getStartupProbe(), "/started", container, service);
        probe(where, "readinessProbe", container.getReadinessProbe(), "/ready", container, service);
        probe(where, "livenessProbe", container.getLivenessProbe(), "/live", container, service);
        if (container.getResources() == null || container.getResources().getRequests() == null
                || !container.getResources().getRequests().keySet().containsAll(Set.of("cpu", "memory"))
                || container.getResources().getLimits() == null
                || !container.getResources().getLimits().containsKey("memory")) {
            add(where, "resources need requests (cpu, memory) and a memory limit");
        }

        ContainerRuntime runtime = ContainerRuntime.services();
        if (container.getResources() != null && container.getResources().getLimits() != null
                && container.getResources().getLimits().containsKey("memory")) {
            long limit = container.getResources().getLimits().get("memory").getNumericalAmount().longValueExact();
            runtime.memoryLimitProblem(limit).ifPresent(problem -> add(where, problem));
        }

        Map<String, EnvironmentValue> environment = environment(where, container);
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> values.put(name, value.value()));
        runtime.problems(values).forEach(problem -> add(where, problem));
        environment.forEach((name, value) -> {
            if (service.propertyFor(name).isEmpty() && !runtime.sets(name)) {
                add(where, "environment variable " + name + " (from " + value.origin() + ") sets nothing "
                        + service.name() + " reads");
            }
        });
        service.requiredEnvironment().forEach((name, why) -> {
            if (!environment.containsKey(name)) {
                add(where, service.name() + " needs environment variable " + name + " (" + why + ")");
            }
        });
        Optional.ofNullable(environment.get(KAFKA_BOOTSTRAP)).flatMap(EnvironmentValue::value)
                .ifPresent(servers -> bootstrapServers(where, servers));
        Optional.ofNullable(environment.get(JDBC_URL)).flatMap(EnvironmentValue::value)
                .ifPresent(url -> database(where, url, environment));

        for (ServiceConfiguration.Channel channel : service.incoming()) {
            Optional<KafkaTopic> topic = manifests.topicNamed(channel.topic());
            int instances = maxInstances(deployment);
            // a compacted topic of latest values (the log checkpoints) is read by one instance for all, which keeps
            // what it reads in the shared database: the others standing by is the point
            boolean latestValues = topic.isPresent() && topic.get().getSpec().getConfig() != null
                    && "compact".equals(topic.get().getSpec().getConfig().get("cleanup.policy"));
            if (topic.isPresent() && !latestValues && topic.get().getSpec().getPartitions() != null
                    && instances > topic.get().getSpec().getPartitions()) {
                add(where, "up to " + instances + " instances consume " + channel.topic() + " (group "
                        + channel.groupId() + "), which has " + topic.get().getSpec().getPartitions()
                        + " partitions: the extra instances would idle");
            }
        }
    }

    private void probe(String where, String kind, Probe probe, String pathSuffix, Container container,
                       ServiceConfiguration service) {
        if (probe == null || probe.getHttpGet() == null) {
            add(where, kind + " is missing (an HTTP probe on " + service.name() + "'s health endpoint)");
            return;
        }
        String path = probe.getHttpGet().getPath();
        if (!service.healthPaths().contains(path) || !path.endsWith(pathSuffix)) {
            add(where, kind + " path " + path + " is not the " + pathSuffix.substring(1) + " endpoint of "
                    + service.name() + "'s health paths " + new TreeSet<>(service.healthPaths()));
        }
        Integer port = resolvePort(probe.getHttpGet().getPort(), container);
        if (port == null || port != service.httpPort()) {
            add(where, kind + " port " + render(probe.getHttpGet().getPort()) + " is not " + service.name()
                    + "'s HTTP port " + service.httpPort());
        }
    }

    /** An environment variable of a container, its value when known, and where it comes from. */
    private record EnvironmentValue(Optional<String> value, String origin, EnvVar variable) {
    }

    private Map<String, EnvironmentValue> environment(String where, Container container) {
        Map<String, EnvironmentValue> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                Optional<ConfigMap> configMap = manifests.configMap(name);
                if (configMap.isEmpty()) {
                    add(where, "envFrom ConfigMap " + name + " does not exist");
                } else {
                    Objects.requireNonNullElse(configMap.get().getData(), Map.<String, String>of()).forEach((key, value) ->
                            environment.put(prefix + key, new EnvironmentValue(Optional.of(value), "ConfigMap " + name, null)));
                }
            }
            if (source.getSecretRef() != null) {
                String name = source.getSecretRef().getName();
                Optional<Secret> secret = manifests.secret(name);
                if (secret.isEmpty()) {
                    add(where, "envFrom Secret " + name + " must be rendered: its keys are environment names to check");
                } else {
                    secretKeys(secret.get()).forEach(key ->
                            environment.put(prefix + key, new EnvironmentValue(Optional.empty(), "Secret " + name, null)));
                }
            }
        }
        for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            String origin = "env";
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                var reference = variable.getValueFrom().getSecretKeyRef();
                origin = "Secret " + reference.getName();
                if (!manifests.secretExists(reference.getName())) {
                    add(where, variable.getName() + ": Secret " + reference.getName() + " does not exist");
                } else {
                    manifests.secret(reference.getName()).ifPresent(secret -> {
                        if (!secretKeys(secret).contains(reference.getKey())) {
                            add(where, variable.getName() + ": Secret " + reference.getName() + " has no key " + reference.getKey());
                        }
                    });
                }
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                var reference = variable.getValueFrom().getConfigMapKeyRef();
                origin = "ConfigMap " + reference.getName();
                Optional<ConfigMap> configMap = manifests.configMap(reference.getName());
                if (configMap.isEmpty() || configMap.get().getData() == null || !configMap.get().getData().containsKey(reference.getKey())) {
                    add(where, variable.getName() + ": ConfigMap " + reference.getName() + " has no key " + reference.getKey());
                } else {
                    environment.put(variable.getName(), new EnvironmentValue(
                            Optional.of(configMap.get().getData().get(reference.getKey())), origin, variable));
                    continue;
                }
            }
            environment.put(variable.getName(), new EnvironmentValue(Optional.ofNullable(variable.getValue()), origin, variable));
        }
        return environment;
    }

    private void bootstrapServers(String where, String servers) {
        for (String server : servers.split(",")) {
            String[] hostPort = server.trim().split(":");
            String host = hostPort[0];
            int port = hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : -1;
            Optional<Kafka> kafka = manifests.kafkas().stream()
                    .filter(k -> host.equals(k.getMetadata().getName() + "-kafka-bootstrap")).findFirst();
            if (kafka.isEmpty()) {
                add(where, KAFKA_BOOTSTRAP + " host " + host + " is no Kafka cluster's bootstrap Service (<name>-kafka-bootstrap)");
            } else if (kafka.get().getSpec().getKafka().getListeners().stream().noneMatch(l -> l.getPort() == port && !l.isTls())) {
                add(where, KAFKA_BOOTSTRAP + " port " + port + " is no plain listener of Kafka/" + kafka.get().getMetadata().getName());
            }
        }
    }

    private void database(String where, String url, Map<String, EnvironmentValue> environment) {
        Optional<JdbcUrl> jdbc = JdbcUrl.parse(url);
        if (jdbc.isEmpty()) {
            add(where, JDBC_URL + " " + url + " is not jdbc:postgresql://host[:port]/database");
            return;
        }
        Optional<CnpgCluster> cluster = manifests.postgresClusters().stream()
                .filter(c -> c.readWriteService().equals(jdbc.get().host())).findFirst();
        if (cluster.isEmpty()) {
            add(where, JDBC_URL + " host " + jdbc.get().host() + " is no PostgreSQL cluster's read-write Service (<name>-rw)");
            return;
        }
        if (jdbc.get().port() != 5432) {
            add(where, JDBC_URL + " port " + jdbc.get().port() + " is not PostgreSQL's 5432");
        }
        Map<String, String> databases = databases(manifests, cluster.get());
        String owner = databases.get(jdbc.get().database());
        if (owner == null) {
            add(where, JDBC_URL + " database " + jdbc.get().database() + " is not a database of Cluster/"
                    + cluster.get().metadata().getName() + " " + databases.keySet());
            return;
        }
        Optional<String> ownerSecret = roleSecret(cluster.get(), owner);
        for (String[] credential : List.of(new String[]{"QUARKUS_DATASOURCE_USERNAME", "username"},
                new String[]{"QUARKUS_DATASOURCE_PASSWORD", "password"})) {
            EnvironmentValue value = environment.get(credential[0]);
            var reference = value == null || value.variable() == null || value.variable().getValueFrom() == null
                    ? null : value.variable().getValueFrom().getSecretKeyRef();
            if (reference == null || !reference.getName().equals(ownerSecret.orElse(null))
                    || !reference.getKey().equals(credential[1])) {
                add(where, credential[0] + " must come from key " + credential[1] + " of Secret " + ownerSecret.orElse("?")
                        + ", the credentials of role " + owner + " that owns database " + jdbc.get().database());
            }
        }
    }

    private int maxInstances(Deployment deployment) {
        return autoscalerOf(deployment).map(HorizontalPodAutoscaler::getSpec).map(s -> s.getMaxReplicas())
                .orElse(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
    }

    private Optional<HorizontalPodAutoscaler> autoscalerOf(Deployment deployment) {
        return manifests.autoscalers().stream()
                .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                        && deployment.getMetadata().getName().equals(h.getSpec().getScaleTargetRef().getName()))
                .findFirst();
    }

    // ---- consumer groups ----------------------------------------------------------------------------------------

    private void consumerGroups() {
        Map<String, String> owners = new HashMap<>();
        for (ServiceConfiguration service : repository.services().values()) {
            for (ServiceConfiguration.Channel channel : service.incoming()) {
                if (channel.groupId() == null) {
                    add(service.name(), "incoming channel " + channel.name() + " has no group.id: its instances would not share partitions");
                    continue;
                }
                String other = owners.putIfAbsent(channel.groupId(), service.name());
                if (other != null && !other.equals(service.name())) {
                    add(service.name(), "group.id " + channel.groupId() + " is also " + other + "'s: they would split one stream");
                }
            }
        }
    }

    // ---- Services, PDBs, HPAs -----------------------------------------------------------------------------------

    private List<Deployment> selected(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return manifests.deployments().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private void services() {
        for (Service service : manifests.services()) {
            String where = "Service/" + service.getMetadata().getName();
            List<Deployment> selected = selected(service.getSpec().getSelector());
            if (selected.isEmpty()) {
                add(where, "selector " + service.getSpec().getSelector() + " selects no Deployment's pods");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                for (Deployment deployment : selected) {
                    for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                        Integer target = resolvePort(port.getTargetPort() == null ? new IntOrString(port.getPort())
                                : port.getTargetPort(), container);
                        if (target == null) {
                            add(where, "targetPort " + render(port.getTargetPort()) + " is no port of Deployment/"
                                    + deployment.getMetadata().getName());
                        }
                        repository.serviceOfImage(ImageReference.parse(container.getImage()).groupAndName())
                                .filter(s -> s.httpPort() != port.getPort())
                                .ifPresent(s -> add(where, "port " + port.getPort() + " is not " + s.name()
                                        + "'s quarkus.http.port " + s.httpPort() + " (its documented address)"));
                    }
                }
            }
        }
        for (Deployment deployment : manifests.deployments()) {
            boolean exposed = manifests.services().stream()
                    .anyMatch(s -> selected(s.getSpec().getSelector()).contains(deployment));
            if (!exposed) {
                add("Deployment/" + deployment.getMetadata().getName(), "no Service selects its pods");
            }
        }
    }

    private void disruptionBudgets() {
        for (PodDisruptionBudget budget : manifests.disruptionBudgets()) {
            if (selected(budget.getSpec().getSelector().getMatchLabels()).isEmpty()) {
                add("PodDisruptionBudget/" + budget.getMetadata().getName(), "selector "
                        + budget.getSpec().getSelector().getMatchLabels() + " selects no Deployment's pods");
            }
        }
        for (Deployment deployment : manifests.deployments()) {
            boolean covered = manifests.disruptionBudgets().stream()
                    .anyMatch(b -> selected(b.getSpec().getSelector().getMatchLabels()).contains(deployment));
            if (!covered) {
                add("Deployment/" + deployment.getMetadata().getName(), "no PodDisruptionBudget covers its pods");
            }
        }
    }

    private void autoscalers() {
        for (HorizontalPodAutoscaler autoscaler : manifests.autoscalers()) {
            String where = "HorizontalPodAutoscaler/" + autoscaler.getMetadata().getName();
            var target = autoscaler.getSpec().getScaleTargetRef();
            Optional<Deployment> deployment = "Deployment".equals(target.getKind())
                    ? manifests.deployment(target.getName()) : Optional.empty();
            if (deployment.isEmpty()) {
                add(where, "scaleTargetRef " + target.getKind() + "/" + target.getName() + " does not exist");
                continue;
            }
            int min = Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1);
            if (min > autoscaler.getSpec().getMaxReplicas()) {
                add(where, "minReplicas " + min + " exceeds maxReplicas " + autoscaler.getSpec().getMaxReplicas());
            }
            if (deployment.get().getSpec().getReplicas() != null) {
                add(where, "Deployment/" + target.getName() + " sets replicas too: every apply would reset what the autoscaler chose");
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Integer resolvePort(IntOrString port, Container container) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return Objects.requireNonNullElse(container.getPorts(), List.<ContainerPort>of()).stream()
                .filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElse(null);
    }

    private static String render(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)), java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }

    static Integer integer(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String majorVersion(String tag) {
        return tag == null ? "" : tag.split("[.-]")[0];
    }

    private void add(String where, String problem) {
        findings.add(new Finding(where, problem));
    }
}
