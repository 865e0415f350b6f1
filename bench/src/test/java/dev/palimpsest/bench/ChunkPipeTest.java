package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkPipeTest {

    @Test
    void passesEveryByteInOrderThroughFewerChunksThanTheWhole() throws Exception {
        byte[] data = new byte[1_000_003]; // not a multiple of the chunk size
        new Random(1).nextBytes(data);
        ChunkPipe pipe = new ChunkPipe(4096, 4); // 16 KiB in flight for a megabyte: the writer must wait

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.sink()) {
                for (int offset = 0; offset < data.length; offset += 1000) {
                    out.write(data, offset, Math.min(1000, data.length - offset));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = pipe.source()) {
            in.transferTo(received);
        }

        writer.get(10, TimeUnit.SECONDS);
        assertArrayEquals(data, received.toByteArray());
    }

    @Test
    void aWriterFailureReachesTheReaderInsteadOfAnEarlyEnd() throws Exception {
        ChunkPipe pipe = new ChunkPipe(16, 4);
        OutputStream out = pipe.sink();
        out.write(new byte[10]);
        out.flush();
        pipe.writerFailed(new IllegalStateException("generator broke"));

        InputStream in = pipe.source();
        IOException failure = assertThrows(IOException.class, () -> in.readAllBytes());
        assertTrue(failure.getMessage().contains("generator broke"), failure.getMessage());
    }

    @Test
    void aReaderThatStopsReadingReleasesABlockedWriter() throws Exception {
        ChunkPipe pipe = new ChunkPipe(16, 2);
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
            long written = 0;
            try (OutputStream out = pipe.sink()) {
                while (true) {
                    out.write(new byte[16]);
                    written += 16;
                }
            } catch (IOException expected) {
                return written;
            }
        });
        InputStream in = pipe.source();
        assertEquals(16, in.read(new byte[16]));

        in.close();

        // the writer ends (with an IOException) instead of waiting for room forever
        assertTrue(writer.get(10, TimeUnit.SECONDS) >= 16);
    }
}
