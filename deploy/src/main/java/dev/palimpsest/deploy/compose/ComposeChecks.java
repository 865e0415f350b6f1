package dev.palimpsest.deploy.compose;

import dev.palimpsest.deploy.consistency.ContainerRuntime;
import dev.palimpsest.deploy.consistency.Finding;
import dev.palimpsest.deploy.consistency.JdbcUrl;
import dev.palimpsest.deploy.consistency.Repository;
import dev.palimpsest.deploy.consistency.ServiceConfiguration;
import dev.palimpsest.deploy.kustomize.ImageReference;
import dev.palimpsest.deploy.yaml.StrictYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks {@code deploy/compose/docker-compose.yml} the way {@code KubernetesChecks} checks an overlay: references
 * resolve (depends_on, volumes, mounted scripts), and what the services are given matches what they read (ports,
 * environment names, health endpoints, Kafka address, databases, topics).
 */
public final class ComposeChecks {

    private static final Pattern CREATE_DATABASE = Pattern.compile("CREATE DATABASE (\\w+) OWNER (\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    private static final String INIT_DIRECTORY = "/docker-entrypoint-initdb.d/";

    private final ComposeFile compose;
    private final Path directory;
    private final Repository repository;
    private final List<Finding> findings = new ArrayList<>();

    private ComposeChecks(ComposeFile compose, Path directory, Repository repository) {
        this.compose = compose;
        this.directory = directory;
        this.repository = repository;
    }

    public static ComposeFile read(Path file) {
        return StrictYaml.bind(StrictYaml.document(file), ComposeFile.class, file.toString());
    }

    public static List<Finding> check(Path file, Repository repository) {
        ComposeChecks checks = new ComposeChecks(read(file), file.getParent(), repository);
        checks.dependencies();
        checks.volumes();
        checks.kafka();
        checks.postgres();
        checks.topics();
        checks.services();
        return List.copyOf(checks.findings);
    }

    private Map<String, ComposeFile.Service> servicesWithImage(String repositorySuffix) {
        Map<String, ComposeFile.Service> matching = new LinkedHashMap<>();
        compose.services().forEach((name, service) -> {
            if (service.image() != null && ImageReference.parse(service.image()).repository().endsWith(repositorySuffix)) {
                matching.put(name, service);
            }
        });
        return matching;
    }

    private void dependencies() {
        compose.services().forEach((name, service) -> {
            if (service.image() == null) {
                add(name, "no image");
            }
            service.dependsOnOrEmpty().forEach((target, dependency) -> {
                ComposeFile.Service other = compose.services().get(target);
                String condition = dependency == null ? null : dependency.condition();
                if (other == null) {
                    add(name, "depends_on " + target + ", which is not a service");
                } else if (condition == null || !CONDITIONS.contains(condition)) {
                    add(name, "depends_on " + target + " needs a condition " + CONDITIONS + ", has " + condition);
                } else if (condition.equals("service_healthy") && other.healthcheck() == null) {
                    add(name, "waits for " + target + " to be healthy, but " + target + " has no healthcheck");
                } else if (condition.equals("service_completed_successfully") && !"no".equals(other.restart())) {
                    add(name, "waits for " + target + " to complete, but " + target + " restarts (restart: \"no\" expected)");
                }
            });
        });
    }

    private void volumes() {
        Set<String> declared = compose.volumes() == null ? Set.of() : compose.volumes().keySet();
        Set<String> used = new HashSet<>();
        compose.services().forEach((name, service) -> {
            for (String volume : service.volumesOrEmpty()) {
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(directory.resolve(source).normalize())) {
                        add(name, "bind mount " + source + " does not exist beside the compose file");
                    }
                } else {
                    used.add(source);
                    if (!declared.contains(source)) {
                        add(name, "volume " + source + " is not declared under the top-level volumes");
                    }
                }
            }
        });
        for (String volume : declared) {
            if (!used.contains(volume)) {
                add("volumes", volume + " is declared but no service mounts it");
            }
        }
    }

    private void kafka() {
        Map<String, ComposeFile.Service> brokers = brokers();
        if (brokers.isEmpty()) {
            add("kafka", "no Kafka broker service (apache/kafka with KAFKA_PROCESS_ROLES)");
        }
        brokers.forEach((name, broker) -> {
            String tag = ImageReference.parse(broker.image()).tag();
            if (!repository.kafkaVersion().equals(tag)) {
                add(name, "image " + broker.image() + " is not Kafka " + repository.kafkaVersion() + " (kafka.version)");
            }
            if (!broker.environmentOrEmpty().getOrDefault("KAFKA_PROCESS_ROLES", "").contains("controller")) {
                add(name, "KAFKA_PROCESS_ROLES must include controller: KRaft, one combined node");
            }
            if (broker.healthcheck() == null) {
                add(name, "no healthcheck");
            }
        });
    }

    private Map<String, ComposeFile.Service> brokers() {
        Map<String, ComposeFile.Service> brokers = new LinkedHashMap<>();
        servicesWithImage("apache/kafka").forEach((name, service) -> {
            if (service.environmentOrEmpty().containsKey("KAFKA_PROCESS_ROLES")) {
                brokers.put(name, service);
            }
        });
        return brokers;
    }

    /** Databases created by the init scripts mounted into a postgres service, with their owners. */
    private Map<String, String> databases(ComposeFile.Service postgres) {
        Map<String, String> databases = new LinkedHashMap<>();
        for (String volume : postgres.volumesOrEmpty()) {
            String[] parts = volume.split(":");
            if (parts.length >= 2 && parts[1].startsWith(INIT_DIRECTORY) && Files.isRegularFile(directory.resolve(parts[0]))) {
                Matcher matcher = CREATE_DATABASE.matcher(readString(directory.resolve(parts[0])));
                while (matcher.find()) {
                    databases.put(matcher.group(1), matcher.group(2));
                }
            }
        }
        return databases;
    }

    private void postgres() {
        Map<String, ComposeFile.Service> postgres = servicesWithImage("postgres");
        if (postgres.isEmpty()) {
            add("postgres", "no PostgreSQL service");
        }
        postgres.forEach((name, service) -> {
            String tag = ImageReference.parse(service.image()).tag();
            if (tag == null || !tag.split("[.-]")[0].equals(String.valueOf(repository.postgresMajorVersion()))) {
                add(name, "image " + service.image() + " is not PostgreSQL " + repository.postgresMajorVersion());
            }
            if (service.healthcheck() == null || !String.join(" ", service.healthcheck().test()).contains("pg_isready")) {
                add(name, "healthcheck must run pg_isready");
            }
            if (databases(service).isEmpty()) {
                add(name, "no init script in " + INIT_DIRECTORY + " creates a database");
            }
        });
    }

    private void topics() {
        List<String> created = new ArrayList<>();
        servicesWithImage("apache/kafka").forEach((name, service) -> {
            if (service.command() == null || service.environmentOrEmpty().containsKey("KAFKA_PROCESS_ROLES")) {
                return;
            }
            for (String argument : service.command()) {
                created.add(argument.split(":")[0]);
            }
            String script = service.entrypoint() == null ? null : service.entrypoint().stream()
                    .filter(a -> a.endsWith(".sh")).findFirst().orElse(null);
            Optional<Path> source = service.volumesOrEmpty().stream()
                    .filter(v -> script != null && v.split(":").length > 1 && v.split(":")[1].equals(script))
                    .map(v -> directory.resolve(v.split(":")[0])).filter(Files::isRegularFile).findFirst();
            if (source.isEmpty()) {
                add(name, "the topic script " + script + " is not mounted from a file beside the compose file");
                return;
            }
            String text = readString(source.get());
            if (!text.contains("retention.ms=-1")) {
                add(name, "topics are not created with retention.ms=-1 (kept forever)");
            }
            Matcher maxMessage = Pattern.compile("max\\.message\\.bytes=(\\d+)").matcher(text);
            int bytes = maxMessage.find() ? Integer.parseInt(maxMessage.group(1)) : 0;
            for (ServiceConfiguration configuration : repository.services().values()) {
                for (ServiceConfiguration.Channel channel : configuration.outgoing()) {
                    String request = channel.attributes().get("max.request.size");
                    if (request != null && bytes < Integer.parseInt(request)) {
                        add(name, "max.message.bytes " + bytes + " is below " + configuration.name() + "'s max.request.size "
                                + request + " (channel " + channel.name() + ")");
                    }
                }
            }
        });
        Set<String> expected = new TreeSet<>(Repository.eventTopics());
        if (!new TreeSet<>(created).equals(expected)) {
            add("topics", "created " + new TreeSet<>(created) + ", dev.palimpsest.events.Topics has " + expected);
        }
        for (ServiceConfiguration configuration : repository.services().values()) {
            for (String direction : List.of("incoming", "outgoing")) {
                for (ServiceConfiguration.Channel channel : configuration.channels(direction)) {
                    if (!created.contains(channel.topic())) {
                        add(configuration.name(), "channel " + channel.name() + " uses topic " + channel.topic()
                                + ", which is not created");
                    }
                }
            }
        }
    }

    private void services() {
        Set<String> deployed = new TreeSet<>();
        compose.services().forEach((name, service) -> {
            if (service.image() == null) {
                return;
            }
            ImageReference image = ImageReference.parse(service.image());
            repository.serviceOfImage(image.groupAndName()).ifPresent(configuration -> {
                deployed.add(configuration.name());
                service(name, service, image, configuration);
            });
        });
        for (String service : repository.services().keySet()) {
            if (!deployed.contains(service)) {
                add("services", "no service runs " + service + "'s image");
            }
        }
    }

    private void service(String name, ComposeFile.Service service, ImageReference image, ServiceConfiguration configuration) {
        String tag = configuration.imageTag(repository.projectVersion());
        if (!tag.equals(image.tag())) {
            add(name, "image tag " + image.tag() + " is not " + tag + " (the tag Jib gives " + configuration.name() + ")");
        }
        int port = configuration.httpPort();
        if (service.portsOrEmpty().stream().noneMatch(p -> p.endsWith(":" + port))) {
            add(name, "ports " + service.portsOrEmpty() + " do not publish container port " + port
                    + " (" + configuration.name() + "'s quarkus.http.port)");
        }
        Map<String, String> environment = service.environmentOrEmpty();
        ContainerRuntime runtime = ContainerRuntime.services();
        environment.keySet().forEach(variable -> {
            if (configuration.propertyFor(variable).isEmpty() && !runtime.sets(variable)) {
                add(name, "environment variable " + variable + " sets nothing " + configuration.name() + " reads");
            }
        });
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        environment.forEach((variable, value) -> values.put(variable, Optional.ofNullable(value)));
        runtime.problems(values).forEach(problem -> add(name, problem));
        if (service.memLimit() == null) {
            add(name, "needs a mem_limit (the services' heap is bounded; so must the container be)");
        } else {
            runtime.memoryLimitProblem(ContainerRuntime.bytes(service.memLimit())).ifPresent(problem -> add(name, problem));
        }
        configuration.requiredEnvironment().forEach((variable, why) -> {
            if (!environment.containsKey(variable)) {
                add(name, configuration.name() + " needs environment variable " + variable + " (" + why + ")");
            }
        });
        String health = service.healthcheck() == null ? "" : String.join(" ", service.healthcheck().test());
        Matcher url = Pattern.compile("http://localhost:(\\d+)(/\\S*)").matcher(health);
        if (!url.find() || Integer.parseInt(url.group(1)) != port || !configuration.healthPaths().contains(url.group(2))
                || !url.group(2).endsWith("/ready")) {
            add(name, "healthcheck must call the readiness endpoint http://localhost:" + port + "/q/health/ready, runs: " + health);
        }

        String servers = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        if (servers != null) {
            for (String server : servers.split(",")) {
                String host = server.split(":")[0];
                ComposeFile.Service broker = brokers().get(host);
                if (broker == null) {
                    add(name, "KAFKA_BOOTSTRAP_SERVERS host " + host + " is no Kafka broker service");
                } else if (!broker.environmentOrEmpty().getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").contains("//" + server.trim())) {
                    add(name, "KAFKA_BOOTSTRAP_SERVERS " + server + " is not an advertised listener of " + host);
                }
            }
            if (!waitsFor(name, brokers().keySet(), new HashSet<>())) {
                add(name, "does not wait (depends_on, healthy or completed) for Kafka");
            }
        }
        String jdbc = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbc != null) {
            Optional<JdbcUrl> parsed = JdbcUrl.parse(jdbc);
            ComposeFile.Service postgres = parsed.map(p -> servicesWithImage("postgres").get(p.host())).orElse(null);
            if (postgres == null) {
                add(name, "QUARKUS_DATASOURCE_JDBC_URL " + jdbc + " names no PostgreSQL service");
            } else {
                Map<String, String> databases = databases(postgres);
                String owner = databases.get(parsed.get().database());
                if (owner == null) {
                    add(name, "QUARKUS_DATASOURCE_JDBC_URL database " + parsed.get().database()
                            + " is not created by the init script " + databases.keySet());
                } else if (!owner.equals(environment.get("QUARKUS_DATASOURCE_USERNAME"))) {
                    add(name, "QUARKUS_DATASOURCE_USERNAME " + environment.get("QUARKUS_DATASOURCE_USERNAME")
                            + " is not " + owner + ", the owner of database " + parsed.get().database());
                }
                ComposeFile.Dependency dependency = service.dependsOnOrEmpty().get(parsed.get().host());
                if (dependency == null || !"service_healthy".equals(dependency.condition())) {
                    add(name, "must depend on " + parsed.get().host() + " with condition service_healthy");
                }
            }
        }
    }

    /** Whether {@code name} waits, directly or through its dependencies, for one of {@code targets}. */
    private boolean waitsFor(String name, Set<String> targets, Set<String> visited) {
        if (!visited.add(name)) {
            return false;
        }
        ComposeFile.Service service = compose.services().get(name);
        if (service == null) {
            return false;
        }
        for (Map.Entry<String, ComposeFile.Dependency> dependency : service.dependsOnOrEmpty().entrySet()) {
            String condition = dependency.getValue() == null ? null : dependency.getValue().condition();
            boolean waits = "service_healthy".equals(condition) || "service_completed_successfully".equals(condition);
            if (waits && (targets.contains(dependency.getKey()) || waitsFor(dependency.getKey(), targets, visited))) {
                return true;
            }
        }
        return false;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String where, String problem) {
        findings.add(new Finding(where, problem));
    }
}
