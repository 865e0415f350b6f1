package dev.palimpsest.textstore.sealed;

import dev.palimpsest.textstore.PackCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedPackTest {

    private static final List<String> TEXTS = List.of("The group was founded in 2018.",
            "The group was founded in 2018 by students. MARKER-7f3a");
    private static final byte[] PACK = PackCodec.pack(TEXTS, null);

    @Test
    void opensWithItsKeyToTheSaltsAndPackItWasSealedWith() {
        TextKey key = TextKey.fresh(1);
        List<byte[]> salts = List.of(SealedPack.newSalt(), SealedPack.newSalt());
        byte[] sealed = SealedPack.seal(key, "jasic", salts, PACK);

        SealedPack.Opened opened = SealedPack.open(key, "jasic", sealed);

        assertEquals(2, opened.salts().size());
        assertArrayEquals(salts.get(0), opened.salts().get(0));
        assertArrayEquals(salts.get(1), opened.salts().get(1));
        assertEquals(TEXTS, PackCodec.unpack(opened.pack(), null));
        assertEquals(PACK.length + 2 * SealedPack.SALT_SIZE + SealedPack.OVERHEAD, sealed.length);
    }

    @Test
    void hidesTheTextsAndSealsTheSamePackDifferentlyEachTime() {
        TextKey key = TextKey.fresh(1);
        byte[] plain = String.join("", TEXTS).getBytes(StandardCharsets.UTF_8);
        byte[] once = SealedPack.seal(key, "jasic", List.of(new byte[16], new byte[16]), plain);
        byte[] twice = SealedPack.seal(key, "jasic", List.of(new byte[16], new byte[16]), plain);

        assertFalse(contains(once, "MARKER-7f3a".getBytes(StandardCharsets.UTF_8)));
        assertTrue(contains(plain, "MARKER-7f3a".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(Arrays.toString(once), Arrays.toString(twice));
    }

    @Test
    void refusesAnotherKeyEpochArticleOrAnyAlteredByte() {
        TextKey key = TextKey.fresh(1);
        byte[] sealed = SealedPack.seal(key, "jasic", List.of(SealedPack.newSalt(), SealedPack.newSalt()), PACK);

        assertThrows(PackCodec.CorruptPack.class, () -> SealedPack.open(TextKey.fresh(1), "jasic", sealed));
        assertThrows(PackCodec.CorruptPack.class,
                () -> SealedPack.open(new TextKey(2, key.bytes()), "jasic", sealed));
        assertThrows(PackCodec.CorruptPack.class, () -> SealedPack.open(key, "jasic2", sealed));
        for (int at = 0; at < sealed.length; at += 7) {
            byte[] altered = sealed.clone();
            altered[at] ^= 0x01;
            assertThrows(PackCodec.CorruptPack.class, () -> SealedPack.open(key, "jasic", altered), "byte " + at);
        }
        assertThrows(PackCodec.CorruptPack.class, () -> SealedPack.open(key, "jasic", new byte[5]));
    }

    @Test
    void neverShowsTheKeyAndRefusesBadKeysAndSalts() {
        TextKey key = TextKey.fresh(3);
        assertEquals("TextKey[epoch=3]", key.toString());
        assertThrows(IllegalArgumentException.class, () -> new TextKey(0, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new TextKey(1, new byte[16]));
        assertThrows(IllegalArgumentException.class,
                () -> SealedPack.seal(key, "jasic", List.of(new byte[15]), PACK));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
