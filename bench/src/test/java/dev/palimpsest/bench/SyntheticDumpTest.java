package dev.palimpsest.bench;

import dev.palimpsest.events.ContentHash;
import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated dump, read back with a plain StAX walk of this test's own (not ingest's reader). */
class SyntheticDumpTest {

    /** A revision as the document states it, with its text's own hash and length computed here. */
    record ReadRevision(long pageId, long id, Long parentId, Instant timestamp, String sha1Element,
                        String sha1Attribute, long bytesAttribute, String textSha1Hex, long textUtf8Length,
                        boolean anonymous) {
    }

    /** The document as read: its database name and its revisions in document order. */
    record ReadDump(String namespace, String database, int pages, List<ReadRevision> revisions) {
    }

    @Test
    void everyPageAndRevisionIsThereWithTheSha1AndLengthOfItsOwnText() throws Exception {
        DumpShape shape = DumpShape.of(3, 40, 7);
        byte[] xml = write(shape, false);

        ReadDump dump = read(new ByteArrayInputStream(xml));

        assertEquals(SyntheticDump.EXPORT_NAMESPACE, dump.namespace());
        assertEquals("benchwiki", dump.database());
        assertEquals(3, dump.pages());
        assertEquals(120, dump.revisions().size());
        for (ReadRevision revision : dump.revisions()) {
            assertAll("revision " + revision.id(),
                    () -> assertEquals(Sha1Base36Reference.fromHex(revision.textSha1Hex()), revision.sha1Element()),
                    () -> assertEquals(revision.sha1Element(), revision.sha1Attribute()),
                    () -> assertEquals(31, revision.sha1Element().length()),
                    () -> assertEquals(revision.textUtf8Length(), revision.bytesAttribute()));
        }
    }

    @Test
    void idsParentsAndTimestampsFollowEachPagesHistory() throws Exception {
        DumpShape shape = DumpShape.of(4, 30, 11);
        List<ReadRevision> revisions = read(new ByteArrayInputStream(write(shape, false))).revisions();

        Set<Long> ids = new HashSet<>();
        ReadRevision previous = null;
        for (ReadRevision revision : revisions) {
            assertTrue(ids.add(revision.id()), "revision ids are unique: " + revision.id());
            if (previous == null || previous.pageId() != revision.pageId()) {
                assertNull(revision.parentId(), "a page's first revision has no parent");
            } else {
                assertEquals(previous.id(), revision.parentId());
                assertTrue(revision.id() > previous.id(), "ids increase within a page");
                assertTrue(revision.timestamp().isAfter(previous.timestamp()), "timestamps increase within a page");
            }
            assertTrue(revision.timestamp().isBefore(Instant.parse("2025-01-01T00:00:00Z")));
            previous = revision;
        }
        assertTrue(revisions.stream().anyMatch(ReadRevision::anonymous), "some edits by IP");
        assertTrue(revisions.stream().anyMatch(r -> !r.anonymous()), "some by registered users");
    }

    @Test
    void eachRevisionChangesItsPredecessorAndAboutOneInTwentyRestoresAnEarlierText() throws Exception {
        DumpShape shape = DumpShape.of(2, 1000, 3);
        List<ReadRevision> revisions = read(new ByteArrayInputStream(write(shape, false))).revisions();

        long reverts = 0;
        long pageStart = 0;
        for (int i = 0; i < revisions.size(); i++) {
            ReadRevision revision = revisions.get(i);
            if (i > 0 && revisions.get(i - 1).pageId() != revision.pageId()) {
                pageStart = i;
            }
            if (i == pageStart) {
                continue;
            }
            assertNotEquals(revisions.get(i - 1).textSha1Hex(), revision.textSha1Hex(),
                    "revision " + revision.id() + " is no null edit");
            boolean earlierText = false;
            for (long j = pageStart; j < i - 1 && !earlierText; j++) {
                earlierText = revisions.get((int) j).textSha1Hex().equals(revision.textSha1Hex());
            }
            if (earlierText) {
                reverts++;
            }
        }
        // 5 % of 1,998 edits is about 100; the bounds leave room for the draw, not for a missing feature
        assertTrue(reverts >= 60 && reverts <= 140, "identity reverts: " + reverts);
        long meanBytes = revisions.stream().mapToLong(ReadRevision::textUtf8Length).sum() / revisions.size();
        assertTrue(meanBytes > 1500 && meanBytes < 6000, "a few KB per revision: " + meanBytes);
    }

    @Test
    void textsHoldOtherScriptsAndCharactersXmlMustEscape() throws Exception {
        String xml = new String(write(DumpShape.of(5, 20, 5), false), StandardCharsets.UTF_8);

        assertTrue(xml.matches("(?s).*[\\u4e00-\\u9fff].*"), "Chinese");
        assertTrue(xml.contains("𠀋"), "a character outside the Basic Multilingual Plane, as one UTF-8 sequence");
        assertFalse(xml.contains("&#5"), "no surrogate written as a character reference");
        assertTrue(xml.contains("&lt;ref"), "markup escaped");
    }

    @Test
    void theSameShapeGivesTheSameBytesAndTheCountsItReports() throws Exception {
        DumpShape shape = DumpShape.of(2, 60, 42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticDump dump = new SyntheticDump(shape);

        SyntheticDump.Totals totals = dump.writeTo(out, false);

        assertArrayEquals(out.toByteArray(), write(shape, false));
        assertNotEquals(ContentHash.sha1Hex(out.toByteArray()),
                ContentHash.sha1Hex(write(DumpShape.of(2, 60, 43), false)), "another seed, another dump");
        assertEquals(120, totals.revisions());
        assertEquals(120, dump.revisionsWritten());
        List<ReadRevision> revisions = read(new ByteArrayInputStream(out.toByteArray())).revisions();
        assertEquals(revisions.stream().mapToLong(ReadRevision::textUtf8Length).sum(), totals.textBytes());
    }

    @Test
    void gzipCompressesTheSameDocument() throws Exception {
        DumpShape shape = DumpShape.of(2, 20, 9);

        byte[] compressed = write(shape, true);

        try (InputStream xml = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(write(shape, false), xml.readAllBytes());
        }
    }

    @Test
    void articleKeysAndRevisionIdsAreThoseOfTheDocument() throws Exception {
        DumpShape shape = new DumpShape(3, 5, 1, "synthwiki", 500);
        ReadDump dump = read(new ByteArrayInputStream(write(shape, false)));

        assertEquals("synthwiki", dump.database());
        assertEquals("synthwiki:" + dump.revisions().get(0).pageId(), shape.articleKey(0));
        assertEquals(shape.revisionId(2, 4), dump.revisions().get(dump.revisions().size() - 1).id());
    }

    private static byte[] write(DumpShape shape, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticDump(shape).writeTo(out, gzip);
        return out.toByteArray();
    }

    private static ReadDump read(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = factory.createXMLStreamReader(in);
        String namespace = null;
        String database = null;
        int pages = 0;
        List<ReadRevision> revisions = new ArrayList<>();
        long pageId = -1;
        boolean inRevision = false;
        boolean inContributor = false;
        Long id = null;
        Long parentId = null;
        Instant timestamp = null;
        String sha1Element = null;
        String sha1Attribute = null;
        long bytesAttribute = -1;
        String textSha1 = null;
        long textLength = -1;
        boolean anonymous = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "mediawiki" -> namespace = reader.getNamespaceURI();
                    case "dbname" -> database = reader.getElementText();
                    case "page" -> pages++;
                    case "revision" -> {
                        inRevision = true;
                        parentId = null;
                        anonymous = false;
                    }
                    case "contributor" -> inContributor = true;
                    case "ip" -> {
                        anonymous = true;
                        reader.getElementText();
                    }
                    case "id" -> {
                        long value = Long.parseLong(reader.getElementText());
                        if (!inRevision) {
                            pageId = value;
                        } else if (!inContributor) {
                            id = value;
                        }
                    }
                    case "parentid" -> parentId = Long.parseLong(reader.getElementText());
                    case "timestamp" -> timestamp = Instant.parse(reader.getElementText());
                    case "text" -> {
                        bytesAttribute = Long.parseLong(reader.getAttributeValue(null, "bytes"));
                        sha1Attribute = reader.getAttributeValue(null, "sha1");
                        assertEquals("preserve", reader.getAttributeValue("http://www.w3.org/XML/1998/namespace",
                                "space"));
                        byte[] text = reader.getElementText().getBytes(StandardCharsets.UTF_8);
                        textSha1 = ContentHash.sha1Hex(text);
                        textLength = text.length;
                    }
                    case "sha1" -> sha1Element = reader.getElementText();
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "contributor" -> inContributor = false;
                    case "revision" -> {
                        revisions.add(new ReadRevision(pageId, id, parentId, timestamp, sha1Element, sha1Attribute,
                                bytesAttribute, textSha1, textLength, anonymous));
                        inRevision = false;
                    }
                    default -> {
                    }
                }
            }
        }
        return new ReadDump(namespace, database, pages, revisions);
    }

    /** MediaWiki's base-36 SHA-1, written out here independently of the code under test. */
    static final class Sha1Base36Reference {

        static String fromHex(String hex) {
            String base36 = new java.math.BigInteger(hex, 16).toString(36);
            return "0".repeat(Math.max(0, 31 - base36.length())) + base36;
        }
    }
}
