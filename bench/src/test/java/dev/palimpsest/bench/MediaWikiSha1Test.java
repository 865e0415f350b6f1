package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediaWikiSha1Test {

    @Test
    void writesWhatMediaWikiWroteForTheSameText() {
        // from data/wiki/simplewiki_sample_suppressed_revs_schema0.11.xml, revision 266092
        assertEquals("61o9wqbehiqpmke7163b1675fic2cri",
                MediaWikiSha1.of("{{babel|en}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void padsWithZerosToThirtyOneDigits() {
        // a hash small enough to need two leading zeros (worked out with Python's hashlib)
        assertEquals("00z082epw8o3vsxa9kchpt4017qvrqz", MediaWikiSha1.of("text 43".getBytes(StandardCharsets.UTF_8)));
    }
}
