package dev.palimpsest.deploy.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.palimpsest.deploy.SourceTree;

/**
 * The README's configuration reference is exactly what the services' properties files declare. After changing a
 * file, regenerate it deliberately: {@code ./mvnw -B verify -pl deploy -am -Dtest=ConfigurationReferenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpalimpsest.readme.accept=true}.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = SourceTree.root();
    private static final Path README = ROOT.resolve("README.md");

    static List<ConfigurationReference.Source> sources() {
        return List.of(
                new ConfigurationReference.Source("Every service: HTTP headers and CORS", Path.of(
                        "web-problem/src/main/resources/META-INF/microprofile-config.properties")),
                new ConfigurationReference.Source("Every service: tracing", Path.of(
                        "tracing/src/main/resources/META-INF/microprofile-config.properties")),
                new ConfigurationReference.Source("ingest-service", Path.of(
                        "ingest-service/src/main/resources/application.properties")),
                new ConfigurationReference.Source("archive-service", Path.of(
                        "archive-service/src/main/resources/application.properties")),
                new ConfigurationReference.Source("query-service", Path.of(
                        "query-service/src/main/resources/application.properties")));
    }

    @Test
    void readmeHoldsTheReferenceGeneratedFromThePropertiesFiles() throws IOException {
        String expected = ConfigurationReference.render(ROOT, sources());
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(ConfigurationReference.BEGIN);
        int end = readme.indexOf(ConfigurationReference.END);
        assertTrue(begin >= 0 && end > begin, "README marks where the configuration reference goes");
        String current = readme.substring(begin, end + ConfigurationReference.END.length());
        if (Boolean.getBoolean("palimpsest.readme.accept")) {
            Files.writeString(README, readme.substring(0, begin) + expected
                    + readme.substring(end + ConfigurationReference.END.length()), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, current,
                "the README's configuration reference is out of date; regenerate it with -Dpalimpsest.readme.accept=true");
    }
}
