package dev.palimpsest.ingest.mediawiki;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.Sha1Base36;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The reader on the real histories in data/wiki (copied from Wikimedia projects, CC BY-SA) and on hostile input. */
class MediaWikiDumpReaderTest {

    static final Path WIKI = Path.of(System.getProperty("user.dir")).resolve("../data/wiki").normalize();

    record Read(MediaWikiDumpReader.Totals totals, List<DumpRevision> revisions, List<DumpRejection> rejections) {
    }

    static Read read(InputStream raw) throws Exception {
        List<DumpRevision> revisions = new ArrayList<>();
        List<DumpRejection> rejections = new ArrayList<>();
        try (InputStream xml = Decompression.open(raw)) {
            var totals = new MediaWikiDumpReader(null).read(xml, item -> {
                if (item instanceof DumpRevision revision) {
                    revisions.add(revision);
                } else {
                    rejections.add((DumpRejection) item);
                }
            });
            return new Read(totals, revisions, rejections);
        }
    }

    static Read read(String file) throws Exception {
        return read(Files.newInputStream(WIKI.resolve(file)));
    }

    static Read readString(String xml) throws Exception {
        return read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every revision whose dump gives a sha1 has exactly the text that sha1 names: the fidelity check. */
    static void assertTextsMatchTheirDumpSha1(List<DumpRevision> revisions) {
        for (DumpRevision revision : revisions) {
            if (revision.sha1Base36() != null && !revision.textHidden()) {
                assertEquals(revision.sha1Base36(), Sha1Base36.fromHex(ContentHash.sha1Hex(revision.text())),
                        "revision " + revision.revId());
            }
        }
    }

    @Test
    void schema03WithoutDbnameDerivesItFromBase() throws Exception {
        Read read = read("enwiki_Rio_Grande_history_2002-2007.xml");
        assertEquals(new MediaWikiDumpReader.Totals("enwiki",
                new ExportRoot("http://www.mediawiki.org/xml/export-0.3/", "0.3"), 1, 247, 0), read.totals());
        assertEquals(247, read.revisions().size());
        DumpRevision first = read.revisions().get(0);
        assertEquals("enwiki:43005", first.articleKey());
        assertEquals("Rio Grande", first.pageTitle());
        assertEquals(34082L, first.revId());
        assertNull(first.sha1Base36(), "schema 0.3 has no sha1");
        assertTrue(read.revisions().stream().allMatch(r -> r.text() != null && r.timestamp() != null));
    }

    @Test
    void schema011KeepsHiddenFieldsHiddenAndEmptyTextEmpty() throws Exception {
        Read read = read("simplewiki_sample_suppressed_revs_schema0.11.xml");
        assertEquals(2, read.totals().pages());
        assertEquals(33, read.revisions().size());
        assertEquals("simplewiki", read.totals().database());
        DumpRevision blanked = read.revisions().stream().filter(r -> r.revId() == 360821L).findFirst().orElseThrow();
        assertEquals("", blanked.text(), "a blanked page has empty text, not none");
        assertTrue(blanked.contributorHidden());
        assertNull(blanked.contributor());
        assertEquals("phoiac9h4m842xq45sp7s6u21eteeq1", blanked.sha1Base36());
        List<DumpRevision> hiddenText = read.revisions().stream().filter(DumpRevision::textHidden).toList();
        assertFalse(hiddenText.isEmpty());
        assertTrue(hiddenText.stream().allMatch(r -> r.text() == null));
        assertTrue(read.revisions().stream().anyMatch(r -> r.commentHidden() && r.comment() == null));
        assertTextsMatchTheirDumpSha1(read.revisions());
    }

    @Test
    void bzip2FullHistoryDumpEverySha1Matches() throws Exception {
        Read read = read("aawiki-20260101-pages-meta-history.xml.bz2");
        assertEquals(507, read.totals().pages());
        assertEquals(1307, read.revisions().size() + read.rejections().size());
        assertEquals("aawiki", read.totals().database());
        assertTrue(read.revisions().stream().allMatch(r -> r.sha1Base36() != null));
        assertTextsMatchTheirDumpSha1(read.revisions());
        Set<String> keys = new HashSet<>();
        read.revisions().forEach(r -> keys.add(r.articleKey()));
        assertEquals(507, keys.size(), "one article key per page");
    }

    @Test
    void xzSliceOfTheAnarchismHistory() throws Exception {
        Read read = read("enwiki_Anarchism_first2000revs.xml.xz");
        assertEquals(2000, read.revisions().size());
        assertTrue(read.rejections().isEmpty());
        assertTextsMatchTheirDumpSha1(read.revisions());
    }

    @Test
    void theDatabaseCanBeGivenExplicitly() throws Exception {
        List<DumpItem> items = new ArrayList<>();
        try (InputStream xml = Files.newInputStream(WIKI.resolve("enwiki_Rio_Grande_history_2002-2007.xml"))) {
            new MediaWikiDumpReader("mirrorwiki").read(xml, items::add);
        }
        assertEquals("mirrorwiki:43005", ((DumpRevision) items.get(0)).articleKey());
    }

    private static final String HEADER = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\" version=\"0.10\">"
            + "<siteinfo><dbname>testwiki</dbname></siteinfo>";

    private static String page(String revisions) {
        return "<page><title>T</title><ns>0</ns><id>7</id>" + revisions + "</page>";
    }

    @Test
    void aRevisionWithoutTextOrTimestampIsRejectedAndTheOthersKept() throws Exception {
        Read read = readString(HEADER + page(
                "<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp><text>ok</text></revision>"
                        + "<revision><id>2</id><timestamp>2020-01-02T00:00:00Z</timestamp></revision>"
                        + "<revision><id>3</id><text>no time</text></revision>"
                        + "<revision><id>4</id><timestamp>yesterday</timestamp><text>x</text></revision>"
                        + "<revision><id>5</id><timestamp>2020-01-05T00:00:00Z</timestamp><text>fine</text></revision>")
                + "</mediawiki>");
        assertEquals(List.of(1L, 5L), read.revisions().stream().map(DumpRevision::revId).toList());
        assertEquals(List.of(2L, 3L, 4L), read.rejections().stream().map(DumpRejection::revId).toList());
        assertTrue(read.rejections().get(0).reason().contains("no <text>"));
        assertEquals(3, read.totals().rejections());
    }

    @Test
    void multiContentRevisionsTakeTheMainSlot() throws Exception {
        Read read = readString(HEADER + page("<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
                + "<content><role>mediainfo</role><model>wikibase-mediainfo</model><text>{}</text></content>"
                + "<content><role>main</role><model>wikitext</model><format>text/x-wiki</format>"
                + "<text bytes=\"4\">main</text></content></revision>") + "</mediawiki>");
        assertEquals("main", read.revisions().get(0).text());
        assertEquals("wikitext", read.revisions().get(0).contentModel());
        assertEquals(List.of(new DumpSlot("mediainfo", "wikibase-mediainfo", null, "{}", false)),
                read.revisions().get(0).otherSlots(), "the other slots are kept beside the main one");
    }

    @Test
    void aHiddenOtherSlotIsKeptAsHiddenAndASlotWithoutTextIsRejected() throws Exception {
        Read read = readString(HEADER + page("<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
                + "<text>main</text>"
                + "<content><role>mediainfo</role><text deleted=\"deleted\"/></content></revision>"
                + "<revision><id>2</id><timestamp>2020-01-02T00:00:00Z</timestamp><text>main</text>"
                + "<content><role>mediainfo</role><model>wikibase-mediainfo</model></content></revision>")
                + "</mediawiki>");
        assertEquals(List.of(new DumpSlot("mediainfo", null, null, null, true)), read.revisions().get(0).otherSlots());
        assertEquals(List.of(2L), read.rejections().stream().map(DumpRejection::revId).toList());
        assertTrue(read.rejections().get(0).reason().contains("mediainfo slot has no <text>"));
    }

    // --- the root element: every form MediaWiki's own importer accepts ---

    private static final String SAMPLE_011 = "simplewiki_sample_suppressed_revs_schema0.11.xml";

    /** The sample export with only its root's start tag replaced: everything inside stays byte for byte. */
    static String withRoot(String file, String rootStartTag) throws IOException {
        String xml = Files.readString(WIKI.resolve(file), StandardCharsets.UTF_8);
        String rewritten = xml.replaceFirst("<mediawiki\\b[^>]*>", Matcher.quoteReplacement(rootStartTag));
        assertFalse(rewritten.equals(xml), "the root was rewritten");
        return rewritten;
    }

    static Stream<Arguments> exportNamespaces() {
        return Stream.of("http", "https").flatMap(scheme -> Stream.of("/", "").flatMap(slash ->
                Stream.iterate(1, minor -> minor <= 11, minor -> minor + 1).map(minor -> arguments(
                        scheme + "://www.mediawiki.org/xml/export-0." + minor + slash, "0." + minor))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportNamespaces")
    void everyExportNamespaceReadsExactlyWhatTheOriginalReads(String namespace, String version) throws Exception {
        Read original = read(SAMPLE_011);
        Read read = readString(withRoot(SAMPLE_011, "<mediawiki xmlns=\"" + namespace + "\" version=\"" + version
                + "\" xml:lang=\"en\">"));
        assertEquals(original.revisions(), read.revisions());
        assertEquals(33, read.revisions().size());
        assertEquals(new ExportRoot(namespace, version), read.totals().root());
        assertTrue(read.totals().root().knownVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportNamespaces")
    void withoutTheVersionAttributeTheNamespaceGivesTheVersion(String namespace, String version) throws Exception {
        Read read = readString(withRoot(SAMPLE_011, "<mediawiki xmlns=\"" + namespace + "\">"));
        assertEquals(read(SAMPLE_011).revisions(), read.revisions());
        assertEquals(version, read.totals().root().schemaVersion());
    }

    @Test
    void noNamespaceAtAll() throws Exception {
        Read read = readString(withRoot(SAMPLE_011, "<mediawiki>"));
        assertEquals(read(SAMPLE_011).revisions(), read.revisions());
        assertEquals(new ExportRoot("", null), read.totals().root());
    }

    @Test
    void noNamespaceButAVersionAttribute() throws Exception {
        Read read = readString(withRoot(SAMPLE_011, "<mediawiki version=\"0.11\" xml:lang=\"en\">"));
        assertEquals(read(SAMPLE_011).revisions(), read.revisions());
        assertEquals(new ExportRoot("", "0.11"), read.totals().root());
    }

    @Test
    void whenTheAttributeAndTheNamespaceDisagreeTheAttributeWins() throws Exception {
        Read read = readString(withRoot(SAMPLE_011,
                "<mediawiki xmlns=\"https://www.mediawiki.org/xml/export-0.10/\" version=\"0.11\">"));
        assertEquals("0.11", read.totals().root().schemaVersion());
        assertEquals(33, read.revisions().size());
        // an attribute that is no version at all gives way to the namespace
        assertEquals("0.10", readString(withRoot(SAMPLE_011,
                "<mediawiki xmlns=\"https://www.mediawiki.org/xml/export-0.10/\" version=\"latest\">"))
                .totals().root().schemaVersion());
    }

    @Test
    void theOldestSchemaReadsARealExportToo() throws Exception {
        // Rio Grande is a real 0.3 export: as 0.1 (https, no slash) it reads the same 247 revisions
        String file = "enwiki_Rio_Grande_history_2002-2007.xml";
        Read read = readString(withRoot(file,
                "<mediawiki xmlns=\"https://www.mediawiki.org/xml/export-0.1\" version=\"0.1\">"));
        assertEquals(read(file).revisions(), read.revisions());
        assertEquals(247, read.revisions().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.12", "1.0"})
    void aNewerSchemaIsReadByTheElementsItShares(String version) throws Exception {
        Read read = readString(withRoot(SAMPLE_011, "<mediawiki xmlns=\"https://www.mediawiki.org/xml/export-"
                + version + "/\" version=\"" + version + "\">"));
        assertEquals(read(SAMPLE_011).revisions(), read.revisions());
        assertEquals(version, read.totals().root().schemaVersion());
        assertFalse(read.totals().root().knownVersion(), "the caller can say it is newer than the reader");
    }

    @Test
    void aPrefixedExportIsReadInItsNamespace() throws Exception {
        String ns = "https://www.mediawiki.org/xml/export-0.11/";
        Read read = readString("<mw:mediawiki xmlns:mw=\"" + ns + "\" version=\"0.11\">"
                + "<mw:siteinfo><mw:dbname>testwiki</mw:dbname></mw:siteinfo>"
                + "<mw:page><mw:title>T</mw:title><mw:ns>0</mw:ns><mw:id>7</mw:id>"
                + "<mw:revision><mw:id>1</mw:id><mw:timestamp>2020-01-01T00:00:00Z</mw:timestamp>"
                + "<mw:text xml:space=\"preserve\">prefixed</mw:text></mw:revision></mw:page></mw:mediawiki>");
        assertEquals(List.of("prefixed"), read.revisions().stream().map(DumpRevision::text).toList());
        assertEquals("testwiki:7", read.revisions().get(0).articleKey());
    }

    @Test
    void anElementOfAnotherNamespaceIsNotTheExportsEvenWithTheSameName() throws Exception {
        Read read = readString("<mediawiki xmlns=\"https://www.mediawiki.org/xml/export-0.11/\">"
                + "<siteinfo><dbname>testwiki</dbname></siteinfo>" + page("<revision><id>1</id>"
                + "<timestamp>2020-01-01T00:00:00Z</timestamp><text>the export's</text>"
                + "<x:text xmlns:x=\"urn:extension\">an extension's</x:text></revision>") + "</mediawiki>");
        assertEquals(List.of("the export's"), read.revisions().stream().map(DumpRevision::text).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<html><body>not a dump</body></html>",
            "<page xmlns=\"http://www.mediawiki.org/xml/export-0.11/\"><title>T</title></page>",
            "<mediawiki xmlns=\"urn:evil\"/>",
            "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/extra/\"/>",
            "<mediawiki xmlns=\"http://example.org/xml/export-0.11/\"/>"})
    void aRootThatIsNotAnExportsIsRefusedAndSaysWhatItIs(String xml) {
        DumpFormatException e = assertThrows(DumpFormatException.class, () -> readString(xml));
        assertTrue(e.getMessage().startsWith("the root element is <"), e.getMessage());
        assertTrue(e.getMessage().contains("a MediaWiki export's root is <mediawiki>"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // XXE
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><mediawiki>&x;</mediawiki>",
            // billion laughs
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                    + "<mediawiki>&b;</mediawiki>",
            // a harmless-looking DTD is refused too
            "<?xml version=\"1.0\"?><!DOCTYPE mediawiki><mediawiki/>",
            // wrong root
            "<html><body>not a dump</body></html>",
            // not XML at all
            "{\"title\": \"json\"}",
            // empty
            "",
            // truncated
            "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\"><siteinfo><dbname>x</dbname></siteinfo>"
                    + "<page><title>T</title><id>1</id><revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
                    + "<text>cut he",
            // an undefined entity
            "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\">&undefined;</mediawiki>"})
    void documentLevelProblemsFailTheWholeDocument(String xml) {
        DumpFormatException e = assertThrows(DumpFormatException.class, () -> readString(xml));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void aTruncatedRealDumpFails() throws IOException {
        byte[] whole = Files.readAllBytes(WIKI.resolve("enwiki_Rio_Grande_history_2002-2007.xml"));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        assertThrows(DumpFormatException.class, () -> read(new ByteArrayInputStream(half)));
    }

    @Test
    void invalidUtf8Fails() {
        byte[] xml = (HEADER + page("<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp><text>AB</text>"
                + "</revision>") + "</mediawiki>").getBytes(StandardCharsets.UTF_8);
        String asText = new String(xml, StandardCharsets.ISO_8859_1);
        int at = asText.indexOf("AB</text>");
        xml[at] = (byte) 0xC3; // a lead byte followed by 'B' is not UTF-8
        DumpFormatException e = assertThrows(DumpFormatException.class, () -> read(new ByteArrayInputStream(xml)));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void noDatabaseNameAnywhereIsADocumentProblem() {
        assertThrows(DumpFormatException.class, () -> readString(
                "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.3/\">" + page(
                        "<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp><text>x</text></revision>")
                        + "</mediawiki>"));
    }
}
