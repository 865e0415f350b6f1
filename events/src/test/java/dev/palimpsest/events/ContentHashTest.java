package dev.palimpsest.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentHashTest {

    @Test
    void sha1OfKnownVectors() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", ContentHash.sha1Hex(""));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", ContentHash.sha1Hex("abc"));
    }

    @Test
    void aSha1IsFortyLowercaseHexDigits() {
        assertTrue(ContentHash.isSha1Hex(ContentHash.sha1Hex("abc")));
        assertTrue(ContentHash.isSha1Hex("0123456789abcdef0123456789abcdef01234567"));
        for (String notOne : new String[]{null, "", "A9993E364706816ABA3E25717850C26C9CD0D89D",
                "a9993e364706816aba3e25717850c26c9cd0d89", "a9993e364706816aba3e25717850c26c9cd0d89dd",
                "g9993e364706816aba3e25717850c26c9cd0d89d", "a9993e364706816aba3e25717850c26c9cd0d89 ",
                "a9993e364706816aba3e25717850c26c9cd0d8/d", "a9993e364706816aba3e25717850c26c9cd0d8:d"}) {
            assertFalse(ContentHash.isSha1Hex(notOne), String.valueOf(notOne));
        }
    }

    @Test
    void hashesUtf8BytesNotChars() {
        // "工人" is 2 chars but 6 UTF-8 bytes; the hash must be of the bytes, as MediaWiki's rev_sha1 is.
        String text = "工人";
        assertEquals(6, ContentHash.utf8Length(text));
        assertEquals(ContentHash.sha1Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                ContentHash.sha1Hex(text));
    }

    @Test
    void utf8LengthIsTheEncodedLengthForEveryKindOfCharacter() {
        String[] texts = {"", "plain ASCII", "é and ß", "工人 and 团结", "emoji \uD83D\uDE00 pair",
                "lone high \uD800 here", "lone low \uDC00 here", "high at the end \uD83D", "\uDC00\uD800 reversed",
                "\u007F\u0080\u07FF\u0800\uFFFF"};
        for (String text : texts) {
            assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, ContentHash.utf8Length(text),
                    text);
        }
    }
}
