package dev.palimpsest.deploy.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePropertiesTest {

    @TempDir
    Path directory;

    @Test
    void keysComeInFileOrderWithTheCommentAboveThemAndTheirEnvironmentVariable() throws IOException {
        List<ServiceProperties.Property> properties = read("""
                # Where the broker is.
                kafka.bootstrap.servers=localhost:9092

                # Retries: first wait,
                # then the longest.
                palimpsest.archive.retry.initial-backoff=200ms
                palimpsest.archive.retry.max-backoff=30s
                # A new comment starts a new meaning.
                quarkus.log.category."io.smallrye.health".level=WARN
                %test.mp.jwt.verify.publickey.location=set-by-test
                quarkus.smallrye-openapi.info-description=Read archived \\
                  revisions.
                uncommented.key=
                """);

        assertEquals(List.of("kafka.bootstrap.servers", "palimpsest.archive.retry.initial-backoff",
                        "palimpsest.archive.retry.max-backoff", "quarkus.log.category.\"io.smallrye.health\".level",
                        "quarkus.smallrye-openapi.info-description", "uncommented.key"),
                properties.stream().map(ServiceProperties.Property::key).toList());
        assertEquals("Where the broker is.", properties.get(0).meaning());
        assertFalse(properties.get(1).sharesMeaningWithPrevious());
        assertEquals("Retries: first wait, then the longest.", properties.get(1).meaning());
        assertTrue(properties.get(2).sharesMeaningWithPrevious());
        assertEquals("A new comment starts a new meaning.", properties.get(3).meaning());
        assertEquals("QUARKUS_LOG_CATEGORY__IO_SMALLRYE_HEALTH__LEVEL", properties.get(3).environmentVariable());
        assertEquals("Read archived revisions.", properties.get(4).defaultValue());
        assertTrue(properties.get(4).sharesMeaningWithPrevious());
        assertEquals("", properties.get(5).defaultValue());
        assertEquals("PALIMPSEST_ARCHIVE_RETRY_INITIAL_BACKOFF", properties.get(1).environmentVariable());
    }

    @Test
    void aLineThatIsNeitherCommentNorKeyValueIsRefused() throws IOException {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read("kafka.bootstrap.servers localhost\n"));
        assertTrue(refused.getMessage().contains("without '='"), refused.getMessage());
    }

    private List<ServiceProperties.Property> read(String content) throws IOException {
        Path file = directory.resolve("application.properties");
        Files.writeString(file, content);
        return ServiceProperties.read(file);
    }
}
