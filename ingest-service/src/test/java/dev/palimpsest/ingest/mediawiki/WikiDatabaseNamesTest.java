package dev.palimpsest.ingest.mediawiki;

import dev.palimpsest.events.Sha1Base36;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WikiDatabaseNamesTest {

    @ParameterizedTest
    @CsvSource({
            "http://en.wikipedia.org/wiki/Main_Page, enwiki",
            "https://it.wikipedia.org/wiki/Pagina_principale, itwiki",
            "https://commons.wikimedia.org/wiki/Main_Page, commonswiki",
            "https://meta.wikimedia.org/wiki/Main_Page, metawiki",
            "https://en.wiktionary.org/wiki/Wiktionary:Main_Page, enwiktionary",
            "https://de.wikibooks.org/wiki/Hauptseite, dewikibooks",
            "https://www.wikidata.org/wiki/Wikidata:Main_Page, wikidatawiki",
            "https://zh-min-nan.wikipedia.org/wiki/Th%C3%A2u-ia%CC%8Dh, zh_min_nanwiki",
            "https://simple.wikipedia.org/wiki/Main_Page, simplewiki"})
    void wikimediaNames(String base, String database) {
        assertEquals(Optional.of(database), WikiDatabaseNames.fromBase(base));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "file:///etc/passwd", "http://localhost/wiki"})
    void noNameWhereNoneCanBeTold(String base) {
        assertEquals(Optional.empty(), WikiDatabaseNames.fromBase(base));
    }

    @Test
    void sha1InBase36AsMediaWikiWritesIt() {
        // the sha1 of the empty text, as every dump writes it for a blanked page
        assertEquals("phoiac9h4m842xq45sp7s6u21eteeq1",
                Sha1Base36.fromHex(dev.palimpsest.events.ContentHash.sha1Hex("")));
    }
}
