package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.events.kafka.EventJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source is kept as what its row does not say, and read back exactly. */
class StoredSourceTest {

    private static final String SHA1 = ContentHash.sha1Hex("'''Anarchism''' is a political philosophy.");
    private static final String IMPORT = "5f0c6a43-6a4e-4d3c-9b1a-0d7c2c1f3e11";

    @Test
    void aTypicalImportedRevisionKeepsOnlyItsImportAndReadsBackWhole() throws Exception {
        MediaWikiSource source = new MediaWikiSource("enwiki", 12, 0, false, "wikitext", "text/x-wiki",
                Sha1Base36.fromHex(SHA1), IMPORT);
        String stored = StoredSource.write(source, "enwiki:12", SHA1);
        assertEquals("{\"import_id\":\"" + IMPORT + "\"}", stored);
        assertEquals(source, StoredSource.read(stored, "enwiki:12", SHA1));
        assertTrue(stored.length() * 4 < EventJson.MAPPER.writeValueAsString(source).length(),
                stored + " against every field");
    }

    @Test
    void everyFieldThatDiffersFromWhatTheRowSaysIsKeptAsItIs() {
        String otherSha1 = ContentHash.sha1Hex("another text");
        List<MediaWikiSource> sources = List.of(
                new MediaWikiSource("enwiki", 12, 4, true, "css", "text/css", Sha1Base36.fromHex(SHA1), IMPORT),
                new MediaWikiSource("enwiki", 12, 0, false, null, null, null, null),
                new MediaWikiSource("enwiki", 12, 0, false, "wikitext", "text/x-wiki",
                        Sha1Base36.fromHex(otherSha1), IMPORT), // a multi-slot revision's sha1 is not its text's
                new MediaWikiSource("enwiki", 13, 0, false, "wikitext", "text/x-wiki", "", IMPORT),
                new MediaWikiSource(null, 0, 0, false, "wikitext", "text/x-wiki", null, IMPORT));
        for (MediaWikiSource source : sources) {
            assertEquals(source, StoredSource.read(StoredSource.write(source, "enwiki:12", SHA1), "enwiki:12", SHA1),
                    source.toString());
        }
        MediaWikiSource hidden = new MediaWikiSource("enwiki", 12, 0, false, "wikitext", "text/x-wiki", null,
                IMPORT);
        assertEquals(hidden, StoredSource.read(StoredSource.write(hidden, "enwiki:12", null), "enwiki:12", null),
                "a text hidden at its source has no sha1 to derive one from");
        assertEquals(null, StoredSource.write(null, "enwiki:12", SHA1));
        assertEquals(null, StoredSource.read(null, "enwiki:12", SHA1));
    }

    @Test
    void aFieldPresentInTheJsonIsReadAsWritten() throws Exception {
        MediaWikiSource source = new MediaWikiSource("enwiki", 12, 0, false, "css", "text/x-wiki",
                Sha1Base36.fromHex(SHA1), IMPORT);
        assertEquals(source, StoredSource.read(EventJson.MAPPER.writeValueAsString(source), "enwiki:12", SHA1));
    }
}
