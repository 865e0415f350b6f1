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
 * The configuration reference in {@code docs/configuration.md} is exactly what the services' properties files declare.
 * After changing a file, regenerate it deliberately: {@code ./mvnw -B verify -pl deploy -am -Dtest=ConfigurationReferenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpalimpsest.readme.accept=true}.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = SourceTree.root();
    private static final Path PAGE = ROOT.resolve("docs/configuration.md");

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
    void theConfigurationPageHoldsTheReferenceGeneratedFromThePropertiesFiles() throws IOException {
        String expected = ConfigurationReference.render(ROOT, sources());
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(ConfigurationReference.BEGIN);
        int end = page.indexOf(ConfigurationReference.END);
        assertTrue(begin >= 0 && end > begin, "docs/configuration.md marks where the configuration reference goes");
        String current = page.substring(begin, end + ConfigurationReference.END.length());
        if (Boolean.getBoolean("palimpsest.readme.accept")) {
            Files.writeString(PAGE, page.substring(0, begin) + expected
                    + page.substring(end + ConfigurationReference.END.length()), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, current, "the configuration reference in docs/configuration.md is out of date;"
                + " regenerate it with -Dpalimpsest.readme.accept=true");
    }
}
