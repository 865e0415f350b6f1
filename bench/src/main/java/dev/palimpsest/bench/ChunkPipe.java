package dev.palimpsest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes from a writing thread to a reading one, at most a few chunks in between: the writer blocks while the reader
 * is behind, so a dump of any size passes through in constant memory.
 *
 * <p>Not {@code PipedInputStream}: that one fails when the last thread to read has ended (the HTTP client reads
 * from pooled threads that come and go), and wakes a waiting reader only once a second unless the writer flushes.
 */
final class ChunkPipe {

    private static final byte[] END = new byte[0];
    private static final byte[] FAILED = new byte[0];

    private final int chunkSize;
    private final BlockingQueue<byte[]> chunks;
    private volatile boolean readerClosed;
    private volatile Throwable writerFailure;

    ChunkPipe(int chunkSize, int chunksInFlight) {
        this.chunkSize = chunkSize;
        this.chunks = new ArrayBlockingQueue<>(chunksInFlight);
    }

    /** For the writing thread; {@code close()} ends the stream, {@link #writerFailed} aborts it. */
    OutputStream sink() {
        return new Sink();
    }

    /** For the reading thread; closing it early makes the writer's next write fail instead of block forever. */
    InputStream source() {
        return new Source();
    }

    /** What closing the source does; the reading side may call it from anywhere (once it stops reading, say). */
    void closeReader() {
        readerClosed = true;
        chunks.clear(); // unblocks a writer waiting for room; it fails at its next write
    }

    /** The reader then fails with this cause rather than see a stream that merely ends early (a truncated dump). */
    void writerFailed(Throwable cause) {
        writerFailure = cause;
        chunks.clear(); // room for the marker: the reader is told at once
        chunks.offer(FAILED);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            do {
                if (readerClosed) {
                    throw new IOException("the reader stopped reading (the upload ended)");
                }
            } while (!chunks.offer(chunk, 200, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
    }

    private final class Sink extends OutputStream {
        private byte[] buffer = new byte[chunkSize];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, chunkSize - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == chunkSize) {
                    put(buffer);
                    buffer = new byte[chunkSize];
                    filled = 0;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (filled > 0) {
                put(Arrays.copyOf(buffer, filled));
                filled = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                flush();
                put(END);
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] chunk = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == chunk.length) {
                if (ended) {
                    return -1;
                }
                byte[] next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading", e);
                }
                if (next == FAILED) {
                    throw new IOException("the dump could not be generated: " + writerFailure, writerFailure);
                }
                if (next == END) {
                    ended = true;
                    return -1;
                }
                chunk = next;
                position = 0;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, bytes, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closeReader();
        }
    }
}
