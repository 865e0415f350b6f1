package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskUsageTest {

    @TempDir
    Path data;

    @Test
    void countsWhatFilesOccupyNotTheLengthOfSparseOnes() throws Exception {
        Files.createDirectories(data.resolve("kafka"));
        Files.write(data.resolve("kafka/00000000000000000000.log"), new byte[1 << 20]);
        try (RandomAccessFile index = new RandomAccessFile(data.resolve("kafka/00000000000000000000.index").toFile(),
                "rw")) {
            index.setLength(10 << 20); // as Kafka pre-allocates an index: a length, no blocks
        }

        long kafka = DiskUsage.of(data).kafkaBytes();

        assertTrue(kafka >= 1 << 20 && kafka < 2 << 20, "the written megabyte, not the sparse ten: " + kafka);
    }

    @Test
    void aPartThatIsNotThereTakesNothing() {
        assertEquals(0, DiskUsage.of(data).postgresBytes());
    }
}
