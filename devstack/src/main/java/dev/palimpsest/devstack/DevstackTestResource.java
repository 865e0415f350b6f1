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
 * service's database ({@code archive}, {@code query}); without it, only Kafka is configured.
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
        return stack.quarkusConfig(database);
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
        DataDirectories.deleteQuietly(dataDirectory);
    }
}
