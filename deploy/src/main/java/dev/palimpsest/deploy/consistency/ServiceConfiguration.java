package dev.palimpsest.deploy.consistency;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service reads, taken from its sources: {@code application.properties} (and the shared defaults of
 * web-problem when it depends on it) and the Quarkus extensions in its pom. The manifests are checked against this,
 * so a renamed property or a changed port shows up as a failing deploy test, not as a pod that never gets ready.
 */
public record ServiceConfiguration(String name, Map<String, String> properties, Set<String> extensions) {

    /** The archive's transparency-log signing key (ADR 0040): a secret every deployment provides. */
    static final String LOG_SIGNING_KEY = "palimpsest.log.signing-key-location";

    /**
     * Properties an extension reads that a service need not write in its application.properties: only these may
     * be set by environment beyond the file's own keys. (smallrye-jwt: the issuer and its key, deliberately left to
     * the environment, see ADR 0011.)
     */
    private static final Map<String, List<String>> EXTENSION_PROPERTIES = Map.of(
            "quarkus-smallrye-jwt", List.of("mp.jwt.verify.issuer", "mp.jwt.verify.publickey.location",
                    "mp.jwt.verify.publickey"));

    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    /** A messaging channel of the service, with its attributes (topic, group.id, max.request.size, …). */
    public record Channel(String direction, String name, Map<String, String> attributes) {

        public String topic() {
            return attributes.getOrDefault("topic", name);
        }

        public String groupId() {
            return attributes.get("group.id");
        }
    }

    public static ServiceConfiguration load(Path repositoryRoot, String service) {
        Path module = repositoryRoot.resolve(service);
        Map<String, String> properties = new TreeMap<>();
        Set<String> extensions = Pom.dependencies(module.resolve("pom.xml"));
        if (extensions.contains("palimpsest-web-problem")) {
            // lower ordinal: the service's own file overrides these, so they are read first
            properties.putAll(read(repositoryRoot.resolve("web-problem/src/main/resources/META-INF/microprofile-config.properties")));
        }
        properties.putAll(read(module.resolve("src/main/resources/application.properties")));
        return new ServiceConfiguration(service, properties, extensions);
    }

    /**
     * The environment variable that sets {@code property} (MicroProfile Config's rule as SmallRye Config applies it:
     * every character that is not a letter or digit becomes {@code _}, then upper case).
     */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public int httpPort() {
        return Integer.parseInt(required("quarkus.http.port"));
    }

    /** A property a value reads through an expression, {@code ${name}} or {@code ${name:default}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)");

    /**
     * Every property the service reads: its file's keys, the properties their values read through expressions
     * (e.g. {@code palimpsest.archive.consumer-client-id}, which exists only as {@code ${…:default}}), and those its
     * extensions are documented to read.
     */
    public Set<String> readProperties() {
        Set<String> read = new TreeSet<>(properties.keySet());
        for (String value : properties.values()) {
            Matcher expression = EXPRESSION.matcher(value);
            while (expression.find()) {
                read.add(expression.group(1));
            }
        }
        EXTENSION_PROPERTIES.forEach((extension, names) -> {
            if (extensions.contains(extension)) {
                read.addAll(names);
            }
        });
        return read;
    }

    /** The property an environment variable of this name sets, if the service reads one. */
    public java.util.Optional<String> propertyFor(String environmentVariable) {
        return readProperties().stream().filter(p -> environmentName(p).equals(environmentVariable)).findFirst();
    }

    /**
     * What a deployment must set, with the reason: every property whose default points at {@code localhost} (the
     * devstack's addresses, wrong in any container), the database credentials when there is a database (the
     * defaults are the devstack's superuser), and the token issuer when the service verifies tokens (without it
     * every protected request is refused), and the transparency logs' signing key where a service signs them. The OpenAPI document's server URL is exempt: it describes the API, and
     * the committed contract is compared with it.
     */
    public Map<String, String> requiredEnvironment() {
        Map<String, String> required = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value.contains("localhost") && !key.startsWith("quarkus.smallrye-openapi.")) {
                required.put(environmentName(key), key + " defaults to " + value);
            }
        });
        if (properties.containsKey("quarkus.datasource.jdbc.url")) {
            required.put("QUARKUS_DATASOURCE_USERNAME", "the default is the devstack's superuser");
            required.put("QUARKUS_DATASOURCE_PASSWORD", "the default is the devstack's superuser's");
        }
        if (extensions.contains("quarkus-smallrye-jwt")) {
            required.put("MP_JWT_VERIFY_ISSUER", "tokens are verified against this issuer");
            required.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "tokens are verified with this key");
        }
        if (properties.containsKey(LOG_SIGNING_KEY)) {
            required.put(environmentName(LOG_SIGNING_KEY), "without it no checkpoint of the transparency logs is signed");
        }
        return required;
    }

    /** The health endpoints smallrye-health serves, or none without the extension. */
    public Set<String> healthPaths() {
        if (!extensions.contains("quarkus-smallrye-health")) {
            return Set.of();
        }
        String root = "/" + properties.getOrDefault("quarkus.http.non-application-root-path", "q")
                .replaceAll("^/+|/+$", "") + "/" + properties.getOrDefault("quarkus.smallrye-health.root-path", "health");
        return Set.of(root, root + "/live", root + "/ready", root + "/started");
    }

    public List<Channel> channels(String direction) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        properties.forEach((key, value) -> {
            Matcher matcher = CHANNEL_KEY.matcher(key);
            if (matcher.matches() && matcher.group(1).equals(direction)) {
                byName.computeIfAbsent(matcher.group(2), n -> new TreeMap<>()).put(matcher.group(3), value);
            }
        });
        return byName.entrySet().stream().map(e -> new Channel(direction, e.getKey(), e.getValue())).toList();
    }

    public List<Channel> incoming() {
        return channels("incoming");
    }

    public List<Channel> outgoing() {
        return channels("outgoing");
    }

    /** The image's group/name as Jib names it (quarkus.container-image.group and .name, the name defaulting to the
     * application's). */
    public String imageGroupAndName() {
        String group = required("quarkus.container-image.group");
        String imageName = properties.getOrDefault("quarkus.container-image.name", required("quarkus.application.name"));
        return group + "/" + imageName;
    }

    /** The image's tag: quarkus.container-image.tag, or the project version (Quarkus's default). */
    public String imageTag(String projectVersion) {
        return properties.getOrDefault("quarkus.container-image.tag", projectVersion);
    }

    public String required(String property) {
        String value = properties.get(property);
        if (value == null) {
            throw new IllegalStateException(name + " does not set " + property);
        }
        return value;
    }

    private static Map<String, String> read(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new TreeMap<>();
        // profile-specific keys (%test.…) are not what a deployed service reads
        loaded.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> properties.put(k, loaded.getProperty(k)));
        return properties;
    }
}
