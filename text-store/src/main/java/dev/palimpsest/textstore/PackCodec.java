package dev.palimpsest.textstore;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs consecutive texts of one article into one zstd frame, and back. The frame holds the texts in order, each
 * prefixed by its length, and may be primed with a <em>base</em> text (zstd's raw-content dictionary): an edit of a
 * 67 KB article then costs about the size of the edit, because every text is compressed against the ones before it
 * in the pack and the first against the base. Unpacking needs the same base, byte for byte.
 *
 * <p>The payload inside the frame starts with a format byte, so a future layout can be read beside this one. Texts
 * are UTF-8; the codec never changes a byte of them. Thread-safe: every call uses contexts of its own.
 */
public final class PackCodec {

    /** zstd level 3: measured on the Anarchism history, higher levels buy a few percent for several times the CPU. */
    public static final int DEFAULT_LEVEL = 3;

    private static final byte FORMAT_LENGTH_PREFIXED = 1;
    /** zstd needs the whole pack and its base inside one window to find the matches between texts. */
    private static final int MAX_WINDOW_LOG = 27;
    private static final int MIN_WINDOW_LOG = 10;

    private PackCodec() {
    }

    /** {@link #pack(List, String, int)} at {@link #DEFAULT_LEVEL}. */
    public static byte[] pack(List<String> texts, String base) {
        return pack(texts, base, DEFAULT_LEVEL);
    }

    /**
     * Compresses {@code texts} together, in order, primed with {@code base} when it is not null.
     *
     * @param texts at least one text
     * @param base  the text the first one most likely resembles (the article's text before them), or null
     */
    public static byte[] pack(List<String> texts, String base, int level) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a pack holds at least one text");
        }
        byte[] payload = payload(texts);
        byte[] dictionary = base == null || base.isEmpty() ? null : base.getBytes(StandardCharsets.UTF_8);
        try (ZstdCompressCtx compressor = new ZstdCompressCtx()) {
            compressor.setLevel(level);
            compressor.setContentSize(true);
            compressor.setChecksum(true);
            compressor.setWindowLog(windowLog(payload.length + (dictionary == null ? 0 : dictionary.length)));
            if (dictionary != null) {
                compressor.loadDict(dictionary);
            }
            return compressor.compress(payload);
        }
    }

    /**
     * The texts of a pack, in the order they were packed.
     *
     * @param base the base the pack was made with (null if none)
     * @throws CorruptPack if the bytes are not a pack, or not one made with this base
     */
    public static List<String> unpack(byte[] pack, String base) {
        byte[] payload = decompress(pack, base);
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            byte format = in.get();
            if (format != FORMAT_LENGTH_PREFIXED) {
                throw new CorruptPack("unknown pack format " + format);
            }
            int count = readVarint(in);
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                lengths[i] = readVarint(in);
            }
            List<String> texts = new ArrayList<>(count);
            for (int length : lengths) {
                if (length > in.remaining()) {
                    throw new CorruptPack("a text runs past the end of its pack");
                }
                texts.add(new String(payload, in.position(), length, StandardCharsets.UTF_8));
                in.position(in.position() + length);
            }
            if (in.hasRemaining()) {
                throw new CorruptPack(in.remaining() + " bytes after the last text of a pack");
            }
            return texts;
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptPack("a pack ends inside its index");
        }
    }

    private static byte[] decompress(byte[] pack, String base) {
        long size = com.github.luben.zstd.Zstd.getFrameContentSize(pack);
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new CorruptPack("not a zstd frame of known size");
        }
        try (ZstdDecompressCtx decompressor = new ZstdDecompressCtx()) {
            if (base != null && !base.isEmpty()) {
                decompressor.loadDict(base.getBytes(StandardCharsets.UTF_8));
            }
            byte[] payload = decompressor.decompress(pack, (int) size);
            if (payload.length != size) {
                throw new CorruptPack("a pack decompressed to " + payload.length + " bytes, its frame says " + size);
            }
            return payload;
        } catch (ZstdException e) {
            // a wrong base shows up here too, as a checksum or corruption error
            throw new CorruptPack("cannot decompress a pack (" + e.getMessage() + "); is it the right base?");
        }
    }

    private static byte[] payload(List<String> texts) {
        List<byte[]> encoded = new ArrayList<>(texts.size());
        int total = 0;
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            total += bytes.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(total + 6 * (texts.size() + 1) + 1);
        out.write(FORMAT_LENGTH_PREFIXED);
        writeVarint(out, texts.size());
        encoded.forEach(bytes -> writeVarint(out, bytes.length));
        encoded.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static int windowLog(long bytes) {
        int log = 64 - Long.numberOfLeadingZeros(Math.max(bytes, 1) - 1);
        return Math.max(MIN_WINDOW_LOG, Math.min(MAX_WINDOW_LOG, log));
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new CorruptPack("a negative length in a pack");
                }
                return value;
            }
        }
        throw new CorruptPack("a length of more than five bytes in a pack");
    }

    /** The bytes are not a pack this codec made, or not with the base given. */
    public static final class CorruptPack extends IllegalStateException {
        public CorruptPack(String message) {
            super(message);
        }
    }
}
