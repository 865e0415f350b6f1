package dev.palimpsest.query.memento;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MementoLink} writes what an independent link-format reader reads back. */
class LinkFormatTest {

    @Test
    void readsRfc7089sExample() {
        List<LinkFormat.Link> links = LinkFormat.parse("""
                <http://a.example.org/>;rel="original",
                <http://arxiv.example.net/timemap/http://a.example.org/>
                  ; rel="self";type="application/link-format"
                  ; from="Tue, 20 Jun 2000 18:02:59 GMT"
                  ; until="Wed, 09 Apr 2008 20:30:51 GMT",
                <http://arxiv.example.net/web/20000620180259/http://a.example.org/>
                  ; rel="first memento";datetime="Tue, 20 Jun 2000 18:02:59 GMT"
                """);
        assertEquals(3, links.size());
        assertEquals("http://a.example.org/", links.get(0).target());
        assertEquals("Wed, 09 Apr 2008 20:30:51 GMT", links.get(1).parameters().get("until"));
        assertTrue(links.get(2).has("first", "memento"));
    }

    @Test
    void readsBackWhatMementoLinkWrites() {
        MementoLink written = MementoLink.of(URI.create("http://localhost/articles/a%3Ab,c/revisions/1"),
                "first prev memento").with("datetime", "Tue, 01 Jan 2019 00:00:00 GMT");
        List<LinkFormat.Link> read = LinkFormat.parse(MementoLink.document(List.of(written,
                MementoLink.of(URI.create("http://localhost/x"), "timegate"))));
        assertEquals(2, read.size());
        assertEquals("http://localhost/articles/a%3Ab,c/revisions/1", read.get(0).target());
        assertEquals(Map.of("rel", "first prev memento", "datetime", "Tue, 01 Jan 2019 00:00:00 GMT"),
                read.get(0).parameters());
        assertEquals(read, LinkFormat.parse(MementoLink.header(List.of(written,
                MementoLink.of(URI.create("http://localhost/x"), "timegate")))));
    }

    @Test
    void refusesWhatIsNotLinkFormat() {
        assertThrows(IllegalArgumentException.class, () -> LinkFormat.parse("http://no.brackets/"));
        assertThrows(IllegalArgumentException.class, () -> LinkFormat.parse("<http://x/>; rel=\"open"));
    }
}
