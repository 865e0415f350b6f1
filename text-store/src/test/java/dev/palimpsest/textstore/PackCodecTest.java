package dev.palimpsest.textstore;

import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackCodecTest {

    @Test
    void packsAndUnpacksEveryTextByteForByte() {
        List<String> texts = List.of("", "plain", "ünïcödé 漢字 😀 \u0000 nul", "line\r\nbreaks\n", "x".repeat(70_000));
        for (String base : Arrays.asList(null, "", "a base text", texts.get(4))) {
            assertEquals(texts, PackCodec.unpack(PackCodec.pack(texts, base), base));
        }
    }

    @Test
    void randomTextsRoundTripWithAndWithoutBase() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<String> texts = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                texts.add(randomText(random, random.nextInt(2_000)));
            }
            String base = random.nextBoolean() ? null : randomText(random, random.nextInt(3_000));
            List<String> back = PackCodec.unpack(PackCodec.pack(texts, base, 1 + random.nextInt(5)), base);
            assertEquals(texts, back);
        }
    }

    @Test
    void oneTextIsReadAloneAsTheWholePackHoldsIt() {
        Random random = new Random(11);
        for (int round = 0; round < 40; round++) {
            List<String> texts = new ArrayList<>();
            int count = 1 + random.nextInt(round % 4 == 0 ? 400 : 40); // hundreds of lengths: an index past a chunk
            for (int i = 0; i < count; i++) {
                texts.add(randomText(random, random.nextInt(count > 40 ? 300 : round % 3 == 0 ? 40 : 20_000)));
            }
            String base = random.nextBoolean() ? null : randomText(random, random.nextInt(3_000));
            byte[] pack = PackCodec.pack(texts, base, 1 + random.nextInt(3));
            byte[] baseBytes = base == null ? null : base.getBytes(StandardCharsets.UTF_8);
            for (int position = 0; position < count; position++) {
                assertArrayEquals(texts.get(position).getBytes(StandardCharsets.UTF_8),
                        PackCodec.textAt(pack, baseBytes, position), "text " + position + " of " + count);
            }
        }
    }

    @Test
    void packsWrittenWithoutLongDistanceMatchingStillRead() {
        // a pack as the codec wrote it before ADR 0036: the same layout (format 1, count, lengths, texts), zstd level
        // 3 with a checksum and the base as raw dictionary, long-distance matching off
        String base = "A base text. ".repeat(3_000);
        List<String> texts = List.of(base + "one edit", base + "one edit and another", "ünïcödé");
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        payload.write(1);
        payload.write(texts.size());
        List<byte[]> encoded = texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList();
        for (byte[] text : encoded) {
            for (int rest = text.length; ; rest >>>= 7) {
                if ((rest & ~0x7F) == 0) {
                    payload.write(rest);
                    break;
                }
                payload.write((rest & 0x7F) | 0x80);
            }
        }
        encoded.forEach(payload::writeBytes);
        byte[] pack;
        try (com.github.luben.zstd.ZstdCompressCtx compressor = new com.github.luben.zstd.ZstdCompressCtx()) {
            compressor.setLevel(3);
            compressor.setContentSize(true);
            compressor.setChecksum(true);
            compressor.loadDict(base.getBytes(StandardCharsets.UTF_8));
            pack = compressor.compress(payload.toByteArray());
        }
        assertEquals(texts, PackCodec.unpack(pack, base));
        for (int position = 0; position < texts.size(); position++) {
            assertArrayEquals(encoded.get(position),
                    PackCodec.textAt(pack, base.getBytes(StandardCharsets.UTF_8), position));
        }
    }

    @Test
    void aTextAtNoPositionOrWithoutItsBaseIsRefused() {
        String base = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        byte[] baseBytes = base.getBytes(StandardCharsets.UTF_8);
        byte[] pack = PackCodec.pack(List.of(base + " One more sentence.", base + " Two."), base);
        assertArrayEquals((base + " Two.").getBytes(StandardCharsets.UTF_8), PackCodec.textAt(pack, baseBytes, 1));
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.textAt(pack, baseBytes, 2));
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.textAt(pack, baseBytes, -1));
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.textAt(pack, null, 0));
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.textAt(new byte[]{1, 2, 3}, null, 0));
        byte[] cut = Arrays.copyOf(pack, pack.length / 2);
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.textAt(cut, baseBytes, 1));
    }

    @Test
    void textsPackedAsBytesUnpackAsTheSameStrings() {
        List<String> texts = List.of("ünïcödé 漢字 😀", "", "plain");
        String base = "a base ünïcödé";
        byte[] pack = PackCodec.packUtf8(texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList(),
                base.getBytes(StandardCharsets.UTF_8), PackCodec.DEFAULT_LEVEL);
        assertEquals(texts, PackCodec.unpack(pack, base));
        List<byte[]> bytes = PackCodec.unpackBytes(pack, base.getBytes(StandardCharsets.UTF_8));
        assertEquals(texts.size(), bytes.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(texts.get(i).getBytes(StandardCharsets.UTF_8), bytes.get(i), "text " + i);
        }
    }

    @Test
    void aWrongOrMissingBaseIsRefusedNotMisread() {
        String base = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        byte[] pack = PackCodec.pack(List.of(base + " One more sentence."), base);
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.unpack(pack, null));
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.unpack(pack, base.replace('q', 'Q')));
    }

    @Test
    void bytesThatAreNoPackAreRefused() {
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.unpack(new byte[]{1, 2, 3}, null));
        byte[] pack = PackCodec.pack(List.of("one", "two"), null);
        byte[] cut = Arrays.copyOf(pack, pack.length - 3);
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.unpack(cut, null));
        byte[] flipped = pack.clone();
        flipped[flipped.length / 2] ^= 0x55;
        assertThrows(PackCodec.CorruptPack.class, () -> PackCodec.unpack(flipped, null));
        assertThrows(IllegalArgumentException.class, () -> PackCodec.pack(List.of(), null));
    }

    /** The point of packing: a real history compressed together is far smaller than each text compressed alone. */
    @Test
    void aRealHistoryPacksFarSmallerThanItsTextsAlone() throws Exception {
        List<String> history = texts(Path.of(System.getProperty("palimpsest.data", "../data"),
                "wiki", "enwiki_Rio_Grande_history_2002-2007.xml"));
        assertTrue(history.size() > 64, "the Rio Grande history has " + history.size() + " texts");
        long alone = 0;
        long packed = 0;
        String base = null;
        for (int from = 0; from < history.size(); from += 32) {
            List<String> pack = history.subList(from, Math.min(history.size(), from + 32));
            for (String text : pack) {
                alone += PackCodec.pack(List.of(text), null).length;
            }
            byte[] bytes = PackCodec.pack(pack, base);
            packed += bytes.length;
            assertEquals(pack, PackCodec.unpack(bytes, base));
            base = pack.get(pack.size() - 1);
        }
        assertTrue(packed * 10 < alone, "packed " + packed + " B, each alone " + alone + " B");
    }

    private static String randomText(Random random, int length) {
        int[] alphabet = "abc de\nfgh ij ü漢😀".codePoints().toArray();
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    static List<String> texts(Path dump) throws Exception {
        List<String> texts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dump)) {
            XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(in, "UTF-8");
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("text")) {
                    texts.add(reader.getElementText());
                }
            }
        }
        return texts;
    }

    @Test
    void utf8IsKeptExactly() {
        String text = "\uD83D\uDE00 é";
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
                PackCodec.unpack(PackCodec.pack(List.of(text), null), null).get(0).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPackDeclaresTheLengthsOfItsTextsInItsHeader() {
        String long1 = "x".repeat(200);
        byte[] pack = PackCodec.pack(List.of("one", long1, "\uD83D\uDE00 é"), "base");
        List<Integer> lengths = List.of(3, 200, "\uD83D\uDE00 é".getBytes(StandardCharsets.UTF_8).length);
        assertTrue(PackCodec.declares(pack, lengths));
        assertFalse(PackCodec.declares(pack, List.of(3, 200, 6)), "one length off");
        assertFalse(PackCodec.declares(pack, List.of(3, 200)), "a text missing");
        assertFalse(PackCodec.declares(new byte[] {1, 2, 3}, lengths), "not a frame");
    }
}
