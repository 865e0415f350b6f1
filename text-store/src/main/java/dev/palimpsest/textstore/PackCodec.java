package dev.palimpsest.textstore;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** How much {@link #textAt} first reads for a pack's index: 32 lengths of up to three bytes fit. */
    private static final int INDEX_CHUNK = 512;

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
        return packUtf8(texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList(),
                base == null ? null : base.getBytes(StandardCharsets.UTF_8), level);
    }

    /**
     * {@link #pack(List, String, int)} of texts already encoded as UTF-8 (the bytes are packed as they are).
     *
     * @param base the base's UTF-8 bytes, or null
     */
    public static byte[] packUtf8(List<byte[]> texts, byte[] base, int level) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a pack holds at least one text");
        }
        PackBuffers buffers = PACK_BUFFERS.get();
        int payloadSize = buffers.payload(texts);
        byte[] dictionary = base == null || base.length == 0 ? null : base;
        try (ZstdCompressCtx compressor = new ZstdCompressCtx()) {
            compressor.setLevel(level);
            compressor.setContentSize(true);
            compressor.setChecksum(true);
            compressor.setWindowLog(windowLog(payloadSize + (dictionary == null ? 0 : dictionary.length)));
            // long-distance matching finds each text's copy of the one before it whole, which level 3's hash
            // tables often miss in a pack of megabytes: half the bytes on the Anarchism history (ADR 0036)
            compressor.setEnableLongDistanceMatching(Zstd.ParamSwitch.ENABLE);
            if (dictionary != null) {
                compressor.loadDict(dictionary);
            }
            byte[] out = buffers.out((int) Zstd.compressBound(payloadSize));
            int packed = compressor.compressByteArray(out, 0, out.length, buffers.payload, 0, payloadSize);
            return Arrays.copyOf(out, packed);
        } finally {
            buffers.release();
        }
    }

    /**
     * A thread's buffers for packing: the payload (index and texts, as large as the texts) and zstd's output (as
     * large again at worst) are reused from one pack to the next instead of allocated three times a pack, which
     * filled the archive's heap with megabyte arrays during an import (ADR 0038). Buffers grown past
     * {@link #KEPT_BYTES} are let go after the pack.
     */
    private static final class PackBuffers {
        static final int KEPT_BYTES = 4 * 1024 * 1024;
        byte[] payload = new byte[0];
        byte[] out = new byte[0];

        /** Writes the payload of {@code texts} into {@link #payload}; returns its size. */
        int payload(List<byte[]> texts) {
            long total = 1 + 5L * (texts.size() + 1);
            for (byte[] text : texts) {
                total += text.length;
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a pack of " + total + " bytes is too large");
            }
            if (payload.length < total) {
                payload = new byte[(int) total];
            }
            ByteBuffer into = ByteBuffer.wrap(payload);
            into.put(FORMAT_LENGTH_PREFIXED);
            putVarint(into, texts.size());
            texts.forEach(text -> putVarint(into, text.length));
            texts.forEach(into::put);
            return into.position();
        }

        byte[] out(int size) {
            if (out.length < size) {
                out = new byte[size];
            }
            return out;
        }

        void release() {
            if (payload.length > KEPT_BYTES) {
                payload = new byte[0];
            }
            if (out.length > KEPT_BYTES) {
                out = new byte[0];
            }
        }
    }

    private static final ThreadLocal<PackBuffers> PACK_BUFFERS = ThreadLocal.withInitial(PackBuffers::new);

    private static void putVarint(ByteBuffer out, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }

    /**
     * The texts of a pack, in the order they were packed.
     *
     * @param base the base the pack was made with (null if none)
     * @throws CorruptPack if the bytes are not a pack, or not one made with this base
     */
    public static List<String> unpack(byte[] pack, String base) {
        return unpackBytes(pack, base == null ? null : base.getBytes(StandardCharsets.UTF_8)).stream()
                .map(text -> new String(text, StandardCharsets.UTF_8)).toList();
    }

    /** The texts of a pack as their UTF-8 bytes, in the order they were packed (no string made of any). */
    public static List<byte[]> unpackBytes(byte[] pack, byte[] base) {
        byte[] payload = decompress(pack, base);
        int[] bounds = textBounds(payload);
        List<byte[]> texts = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            texts.add(Arrays.copyOfRange(payload, bounds[i], bounds[i + 1]));
        }
        return texts;
    }

    /**
     * Whether {@code pack}'s frame says it decompresses to exactly what a pack of texts of these UTF-8
     * {@code lengths} holds (its format byte, its index and the texts): a check of a pack's shape read from its
     * header alone, without decompressing it. What the texts are is checked when one is decompressed.
     */
    public static boolean declares(byte[] pack, List<Integer> lengths) {
        long size;
        try {
            size = contentSize(pack);
        } catch (CorruptPack notAFrame) {
            return false;
        }
        long expected = 1 + varintSize(lengths.size());
        for (int length : lengths) {
            expected += varintSize(length) + (long) length;
        }
        return !lengths.isEmpty() && size == expected;
    }

    private static int varintSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Where each text of a decompressed payload starts and ends, as pairs of offsets. */
    private static int[] textBounds(byte[] payload) {
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
            int[] bounds = new int[count * 2];
            int at = in.position();
            for (int i = 0; i < count; i++) {
                if (lengths[i] > payload.length - at) {
                    throw new CorruptPack("a text runs past the end of its pack");
                }
                bounds[2 * i] = at;
                at += lengths[i];
                bounds[2 * i + 1] = at;
            }
            if (at != payload.length) {
                throw new CorruptPack((payload.length - at) + " bytes after the last text of a pack");
            }
            return bounds;
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptPack("a pack ends inside its index");
        }
    }

    /**
     * The UTF-8 bytes of the text at {@code position} in a pack, decompressing the frame only as far as that text
     * ends: on average half of what {@link #unpack} decompresses, and no string is made of the others. The frame's
     * checksum, at its end, is not read: the caller checks the text against its sha1.
     *
     * @param base the base's UTF-8 bytes the pack was made with (null if none)
     * @throws CorruptPack if the bytes are not a pack, not one made with this base, or hold no such position
     */
    public static byte[] textAt(byte[] pack, byte[] base, int position) {
        long size = contentSize(pack);
        FrameReader reader = FRAME_READERS.poll();
        if (reader == null) {
            reader = new FrameReader();
        }
        try {
            return textAt(reader.open(pack, base), size, position);
        } catch (IOException | ZstdException e) {
            throw new CorruptPack("cannot decompress a pack (" + e.getMessage() + "); is it the right base?");
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptPack("a pack ends inside its index");
        } finally {
            if (!FRAME_READERS.offer(reader)) {
                reader.close();
            }
        }
    }

    private static byte[] textAt(FrameReader in, long size, int position) throws IOException {
        // the index (format, count, lengths) is read in chunks; what a chunk holds past it is text
        byte[] head = new byte[(int) Math.min(size, INDEX_CHUNK)];
        int headBytes = readFully(in, head, 0, head.length);
        ByteBuffer index = ByteBuffer.wrap(head, 0, headBytes);
        if (index.get() != FORMAT_LENGTH_PREFIXED) {
            throw new CorruptPack("unknown pack format " + head[0]);
        }
        int count = readVarint(index);
        if (position < 0 || position >= count) {
            throw new CorruptPack("a pack of " + count + " texts has no text at " + position);
        }
        long before = 0;
        int length = 0;
        for (int i = 0; i < count; i++) {
            if (index.remaining() < 5 && headBytes == head.length && headBytes < size) {
                head = java.util.Arrays.copyOf(head, (int) Math.min(size, head.length * 2L));
                headBytes += readFully(in, head, headBytes, head.length - headBytes);
                index = ByteBuffer.wrap(head, index.position(), headBytes - index.position());
            }
            int textLength = readVarint(index);
            if (i < position) {
                before += textLength;
            } else if (i == position) {
                length = textLength;
            }
        }
        // the lengths come from the pack itself: a damaged index must not make a reader allocate what it says
        long indexEnd = index.position();
        if (length < 0 || before < 0 || indexEnd + before + length > size) {
            throw new CorruptPack("a text runs past the end of its pack");
        }
        byte[] text = new byte[length];
        // the text's start, counted from what the head already holds past the index
        long skip = before - index.remaining();
        int filled = 0;
        if (skip < 0) {
            int from = index.position() + (int) before;
            filled = Math.min(length, headBytes - from);
            System.arraycopy(head, from, text, 0, filled);
        } else if (in.skip(skip) != skip) {
            throw new CorruptPack("a text runs past the end of its pack");
        }
        if (readFully(in, text, filled, length - filled) != length - filled) {
            throw new CorruptPack("a text runs past the end of its pack");
        }
        return text;
    }

    /** Reads until {@code length} bytes are in or the stream ends; how many were read. */
    private static int readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        int read = 0;
        while (read < length) {
            int got = in.read(into, offset + read, length - read);
            if (got < 0) {
                break;
            }
            read += got;
        }
        return read;
    }

    /** How many bytes a pack's frame decompresses to, as its header says. */
    private static long contentSize(byte[] pack) {
        long size = Zstd.getFrameContentSize(pack);
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new CorruptPack("not a zstd frame of known size");
        }
        return size;
    }

    private static byte[] decompress(byte[] pack, byte[] base) {
        long size = contentSize(pack);
        try (ZstdDecompressCtx decompressor = new ZstdDecompressCtx()) {
            if (base != null && base.length > 0) {
                decompressor.loadDict(base);
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

    private static int windowLog(long bytes) {
        int log = 64 - Long.numberOfLeadingZeros(Math.max(bytes, 1) - 1);
        return Math.max(MIN_WINDOW_LOG, Math.min(MAX_WINDOW_LOG, log));
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

    /**
     * Reads one frame after another through one decompression context and direct buffers that are kept: a stream
     * made afresh for each read allocates the frame's whole window (4 MiB for a pack of 32 texts of 67 KB) and
     * faults its pages in every time, which cost more than the decompression. A few readers are pooled
     * ({@link #FRAME_READERS}); one is used by one thread at a time.
     */
    private static final class FrameReader extends InputStream {
        private static final int CHUNK = 128 * 1024;
        private final ZstdDecompressCtx context = new ZstdDecompressCtx();
        private ByteBuffer source = ByteBuffer.allocateDirect(CHUNK);
        private final ByteBuffer decompressed = ByteBuffer.allocateDirect(CHUNK);
        private boolean frameEnded;

        FrameReader open(byte[] pack, byte[] base) {
            context.reset(); // the session and its parameters, the dictionary included
            if (base != null && base.length > 0) {
                context.loadDict(base);
            }
            if (source.capacity() < pack.length) {
                source = ByteBuffer.allocateDirect(pack.length);
            }
            source.clear();
            source.put(pack).flip();
            decompressed.clear().flip();
            frameEnded = false;
            return this;
        }

        /** Whether decompressed bytes are at hand, decompressing the next chunk when none is left. */
        private boolean fill() {
            while (!decompressed.hasRemaining()) {
                if (frameEnded) {
                    return false;
                }
                boolean hadInput = source.hasRemaining();
                decompressed.clear();
                frameEnded = context.decompressDirectByteBufferStream(decompressed, source);
                decompressed.flip();
                if (!decompressed.hasRemaining() && !frameEnded && !hadInput) {
                    throw new CorruptPack("a pack ends inside its frame");
                }
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? decompressed.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, decompressed.remaining());
            decompressed.get(into, offset, n);
            return n;
        }

        /** Passes over {@code count} bytes without copying them anywhere. */
        @Override
        public long skip(long count) {
            long skipped = 0;
            while (skipped < count && fill()) {
                int n = (int) Math.min(count - skipped, decompressed.remaining());
                decompressed.position(decompressed.position() + n);
                skipped += n;
            }
            return skipped;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** Readers for {@link #textAt}, two per core: more threads than that would only wait for the cores anyway. */
    private static final java.util.concurrent.BlockingQueue<FrameReader> FRAME_READERS =
            new java.util.concurrent.ArrayBlockingQueue<>(2 * Runtime.getRuntime().availableProcessors());

    /** The bytes are not a pack this codec made, or not with the base given. */
    public static final class CorruptPack extends IllegalStateException {
        public CorruptPack(String message) {
            super(message);
        }
    }
}
