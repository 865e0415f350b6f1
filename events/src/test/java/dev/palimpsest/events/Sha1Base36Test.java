package dev.palimpsest.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha1Base36Test {

    @Test
    void writesWhatMediaWikiWroteForTheSameText() {
        // from data/wiki/simplewiki_sample_suppressed_revs_schema0.11.xml, revision 266092
        assertEquals("61o9wqbehiqpmke7163b1675fic2cri",
                Sha1Base36.fromHex(ContentHash.sha1Hex("{{babel|en}}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void padsWithZerosToThirtyOneDigits() {
        // a hash small enough to need two leading zeros (worked out with Python's hashlib)
        assertEquals("00z082epw8o3vsxa9kchpt4017qvrqz", Sha1Base36.fromHex(ContentHash.sha1Hex(
                "text 43".getBytes(StandardCharsets.UTF_8))));
    }
}
