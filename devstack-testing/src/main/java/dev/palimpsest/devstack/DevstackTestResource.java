package dev.palimpsest.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource: a real Kafka and PostgreSQL (local processes, or containers where Docker answers) for a
 * service's {@code @QuarkusTest}s, in a fresh temporary data directory. Init arg {@code database} names the
 * service's database ({@code archive}, {@code query}); without it, only Kafka is configured. The stack's token issuer
 * is configured too: the service verifies its tokens, and the tests mint them with {@code testing.TestTokens}.
 *
 * <pre>{@code @WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))}</pre>
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private DevStack stack;
    private Path dataDirectory;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("palimpsest-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack = DevStack.start(new DevStack.Options(dataDirectory, InfrastructureMode.configured(), "384m"));
        Map<String, String> config = new java.util.LinkedHashMap<>(stack.quarkusConfig(database));
        // for the tests themselves (testing.TestTokens): they sign with the stack's key, as its issuer
        config.put("smallrye.jwt.sign.key.location", stack.issuer().privateKeyFile().toAbsolutePath().toString());
        config.put("smallrye.jwt.new-token.issuer", dev.palimpsest.devstack.access.DevstackIssuer.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
        DataDirectories.deleteQuietly(dataDirectory);
    }
}
