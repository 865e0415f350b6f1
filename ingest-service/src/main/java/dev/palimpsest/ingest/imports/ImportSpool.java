package dev.palimpsest.ingest.imports;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the one reading of an import found, kept on disk until it is published (ADR 0027, one parse of an import):
 * each revision as the exact bytes of the event that will be sent (and its article key, the record's key), each
 * rejection as its page, revision id and reason, in document order, in one zstd stream. Consecutive revisions of
 * an article differ little, and zstd sees several of them at once (its window holds megabytes), so the spool of a
 * whole history is a small fraction of its XML; memory stays constant whatever its size.
 *
 * <p>Written once by one thread ({@link Writer}), then read once ({@link Reader}); the file is the caller's to
 * delete.
 */
final class ImportSpool {

    /** zstd's default: fast enough to keep up with the XML parser, and it still sees across revisions. */
    private static final int LEVEL = 3;
    private static final byte REVISION = 'R';
    private static final byte REJECTION = 'X';
    private static final int BUFFER = 1 << 16;

    private ImportSpool() {
    }

    /** One entry of the spool: a revision to publish or a rejection to report. */
    sealed interface Entry permits Revision, Rejection {
    }

    /** @param event the serialized {@code RevisionSubmitted}, sent as it is */
    record Revision(String articleKey, byte[] event) implements Entry {
    }

    record Rejection(String pageTitle, Long revId, String reason) implements Entry {
    }

    static final class Writer implements Closeable {
        private final DataOutputStream out;

        Writer(Path file) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(
                    new ZstdOutputStream(Files.newOutputStream(file), LEVEL), BUFFER));
        }

        void revision(String articleKey, byte[] event) throws IOException {
            out.writeByte(REVISION);
            out.writeUTF(articleKey);
            out.writeInt(event.length);
            out.write(event);
        }

        void rejection(String pageTitle, Long revId, String reason) throws IOException {
            out.writeByte(REJECTION);
            writeNullable(pageTitle);
            out.writeLong(revId == null ? -1 : revId);
            writeNullable(reason);
        }

        private void writeNullable(String value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                // a title or reason of a rejected revision may be long; writeUTF holds 64 KiB at most
                out.writeUTF(value.length() > 4096 ? value.substring(0, 4096) + "…" : value);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static final class Reader implements Closeable {
        private final DataInputStream in;

        Reader(Path file) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(
                    new ZstdInputStream(Files.newInputStream(file)), BUFFER));
        }

        /** The next entry, or null at the end. */
        Entry next() throws IOException {
            int tag = in.read();
            if (tag < 0) {
                return null;
            }
            return switch (tag) {
                case REVISION -> {
                    String key = in.readUTF();
                    byte[] event = new byte[in.readInt()];
                    in.readFully(event);
                    yield new Revision(key, event);
                }
                case REJECTION -> {
                    String title = readNullable();
                    long revId = in.readLong();
                    yield new Rejection(title, revId < 0 ? null : revId, readNullable());
                }
                default -> throw new EOFException("the import spool is damaged (entry tag " + tag + ")");
            };
        }

        private String readNullable() throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
