package dev.palimpsest.tlog.leaves;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes a fixed sequence of fields as canonical bytes, the encoding of the archive's record hashes (ADR 0010) and
 * of its log's leaves (ADR 0041). Each field is either absent, one byte {@code 0x00}, or present, one byte
 * {@code 0x01}, its length in bytes as a 4-byte big-endian unsigned integer, then that many bytes. Length prefixes
 * make it unambiguous (no separator can be forged inside a value) and {@code 0x00} keeps "none" apart from empty.
 * Values are written as UTF-8 text: integers in decimal ({@code -1}, {@code 42}), booleans {@code true}/{@code false},
 * instants in UTC with exactly six fractional digits ({@code 2020-01-01T00:00:00.000000Z}, as PostgreSQL keeps
 * them), UUIDs in lowercase; hashes as their raw bytes.
 */
public final class CanonicalFields {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public CanonicalFields text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public CanonicalFields bytes(byte[] value) {
        if (value == null) {
            out.write(0);
            return this;
        }
        out.write(1);
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
        return this;
    }

    public CanonicalFields number(Long value) {
        return text(value == null ? null : Long.toString(value));
    }

    public CanonicalFields bool(Boolean value) {
        return text(value == null ? null : value.toString());
    }

    public CanonicalFields uuid(UUID value) {
        return text(value == null ? null : value.toString());
    }

    /** An instant, which must not be finer than microseconds (a finer one would not survive a database row). */
    public CanonicalFields instant(Instant value) {
        if (value != null && value.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("instant finer than microseconds: " + value);
        }
        return text(value == null ? null : INSTANT.format(value));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
