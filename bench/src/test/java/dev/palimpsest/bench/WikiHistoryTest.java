package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WikiHistoryTest {

    @Test
    void readsEachRevisionsFieldsTellingThePagesIdFromTheRevisionsAndTheUsers() throws IOException {
        String xml = """
                <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">
                  <siteinfo><sitename>Wikipedia</sitename></siteinfo>
                  <page>
                    <title>Anarchism</title><ns>0</ns><id>12</id>
                    <revision>
                      <id>233</id><timestamp>2001-10-11T09:45:00Z</timestamp>
                      <contributor><username>Ada</username><id>7</id></contributor>
                      <comment>first &amp; draft</comment>
                      <text bytes="9" xml:space="preserve">a &lt;b&gt; c</text>
                    </revision>
                    <revision>
                      <id>234</id><parentid>233</parentid><timestamp>2001-10-12T10:00:00Z</timestamp>
                      <contributor><ip>10.0.0.1</ip></contributor>
                      <text bytes="0" xml:space="preserve" />
                    </revision>
                  </page>
                </mediawiki>
                """;
        List<WikiHistory.Revision> revisions = new ArrayList<>();

        WikiHistory.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), revisions::add);

        assertEquals(List.of(
                new WikiHistory.Revision(12, "Anarchism", 233, Instant.parse("2001-10-11T09:45:00Z"), "Ada",
                        "first & draft", "a <b> c"),
                new WikiHistory.Revision(12, "Anarchism", 234, Instant.parse("2001-10-12T10:00:00Z"), "10.0.0.1",
                        "", "")), revisions);
    }

    @Test
    void readsAGzippedSyntheticDumpWithEveryPageAndRevision() throws IOException {
        DumpShape shape = new DumpShape(3, 7, 5, "benchwiki", 400);
        SyntheticDump dump = new SyntheticDump(shape);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        SyntheticDump.Totals totals = dump.writeTo(gzipped, true);
        Map<String, Long> seen = new LinkedHashMap<>();
        long[] textBytes = {0};

        WikiHistory.read(new ByteArrayInputStream(gzipped.toByteArray()), revision -> {
            seen.merge("benchwiki:" + revision.pageId(), 1L, Long::sum);
            textBytes[0] += revision.text().getBytes(StandardCharsets.UTF_8).length;
        });

        assertEquals(dump.expectedRevisions(), seen);
        assertEquals(totals.textBytes(), textBytes[0]);
    }
}
