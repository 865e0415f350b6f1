package dev.palimpsest.e2e;

import dev.palimpsest.client.query.api.AsOfResourceApi;
import dev.palimpsest.client.query.api.RevisionResourceApi;
import dev.palimpsest.client.query.model.Revision;
import dev.palimpsest.client.query.model.RevisionSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.events.XMLEvent;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order in which an article's revisions arrive changes no answer. A MediaWiki export is imported twice under two
 * database names: as it is, and rewritten with its pages in reverse document order and each page's revisions
 * shuffled, so the archive numbers them in another order. Then, page by page, the whole history (order, sha1, length,
 * times, revert marks), every revision's revert and the as-of answer at every revision's time must be the same,
 * compared by source revision id (sequence numbers differ by design). The shuffle's seed is random unless
 * {@code -Darrival.seed=} gives one, and every failure message names it.
 */
class ArrivalOrderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(300);

    private static StackClient client;

    @BeforeAll
    static void stack() {
        client = new StackClient(SharedStack.get());
    }

    /** One history line, with sequence numbers replaced by the source revision ids they name. */
    record Line(long revId, String title, Instant revTimestamp, String revSha1, long revLen, List<String> hidden,
                Long revertOfRevId) {
    }

    /** What a revision reverts, by source revision ids. */
    record Revert(long restoredRevId, List<Long> revertedRevIds) {
    }

    /** What as-of answered. */
    record AsOf(long revId, String revSha1) {
    }

    /** An article's history as one import left it, oldest first, and how its sequence numbers map to revision ids. */
    record History(String articleKey, List<RevisionSummary> rows, Map<Integer, Long> revIdBySeq,
                   Map<Long, Integer> seqByRevId) {

        Long revId(Integer seq) {
            return seq == null ? null : revIdBySeq.get(seq);
        }

        List<Line> lines() {
            return rows.stream().map(row -> new Line(row.getRevId(), row.getTitle(),
                    row.getRevTimestamp().toInstant(), row.getRevSha1(), row.getRevLen(),
                    row.getHidden() == null ? List.of() : row.getHidden(), revId(row.getRevertOf()))).toList();
        }

        /** True when the archive numbered this article's revisions out of edit order. */
        boolean arrivedOutOfOrder() {
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).getRevSeq() < rows.get(i - 1).getRevSeq()) {
                    return true;
                }
            }
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "enwiki_Rio_Grande_history_2002-2007.xml, enwiki, 39",
            "aawiki-20260101-pages-meta-history.xml.bz2, aawiki, 52"})
    void arrivalOrderChangesNoAnswer(String file, String wiki, long documentedReverts) throws Exception {
        long seed = Long.getLong("arrival.seed", new Random().nextLong());
        String reproduce = " [shuffle seed " + seed + "; rerun with -Darrival.seed=" + seed + "]";
        System.out.println("ArrivalOrderTest " + file + reproduce);

        Path export = SharedStack.home().resolve("data/wiki").resolve(file);
        Path shuffled = Files.createTempFile("arrival-order-", ".xml");
        try {
            rewriteOutOfOrder(export, shuffled, new Random(seed));
            Map<Long, Integer> revisionsByPage = revisionsByPage(export);
            Map<Long, Integer> rewritten = revisionsByPage(shuffled);
            assertEquals(revisionsByPage, rewritten, "the rewrite keeps every revision" + reproduce);
            List<Long> reversedPages = new ArrayList<>(revisionsByPage.keySet());
            Collections.reverse(reversedPages);
            assertEquals(reversedPages, new ArrayList<>(rewritten.keySet()), "pages in reverse order" + reproduce);
            long revisions = revisionsByPage.values().stream().mapToLong(Integer::longValue).sum();

            String asIs = wiki + "_as_is";
            String outOfOrder = wiki + "_shuffled";
            long started = System.nanoTime();
            String asIsImport = client.startImport(export, asIs);
            String outOfOrderImport = client.startImport(shuffled, outOfOrder);
            assertEquals(revisions, client.awaitImport(asIsImport, PATIENCE).getPublished());
            assertEquals(revisions, client.awaitImport(outOfOrderImport, PATIENCE).getPublished(), reproduce);

            for (var page : revisionsByPage.entrySet()) {
                for (String database : List.of(asIs, outOfOrder)) {
                    StackClient.promptly(PATIENCE).until(() -> client.revisionCount(database + ":" + page.getKey()),
                            count -> count == page.getValue().longValue());
                }
            }
            long archived = System.nanoTime();

            long reverts = 0;
            boolean someArrivedOutOfOrder = false;
            for (var page : revisionsByPage.entrySet()) {
                String asIsKey = asIs + ":" + page.getKey();
                String outOfOrderKey = outOfOrder + ":" + page.getKey();
                History expected = history(asIsKey);
                History actual = history(outOfOrderKey);
                someArrivedOutOfOrder |= actual.arrivedOutOfOrder();
                String where = " of page " + page.getKey() + reproduce;
                assertEquals(expected.lines(), actual.lines(), "history" + where);

                for (RevisionSummary row : expected.rows()) {
                    long revId = row.getRevId();
                    Revert revert = revert(expected, row.getRevSeq());
                    assertEquals(expected.revId(row.getRevertOf()), revert == null ? null : revert.restoredRevId(),
                            "revertOf and the revision's own revert agree, revision " + revId + where);
                    assertEquals(revert, revert(actual, actual.seqByRevId().get(revId)),
                            "revert of revision " + revId + where);
                    Instant t = row.getRevTimestamp().toInstant();
                    assertEquals(asOf(expected.articleKey(), t), asOf(actual.articleKey(), t),
                            "as of revision " + revId + " (" + t + ")" + where);
                    reverts += revert == null ? 0 : 1;
                }
            }
            System.out.printf("ArrivalOrderTest %s: %d revisions imported twice and visible in %d s, compared in %d s%n",
                    file, revisions, Duration.ofNanos(archived - started).toSeconds(),
                    Duration.ofNanos(System.nanoTime() - archived).toSeconds());
            assertTrue(someArrivedOutOfOrder, "the shuffled import reached the archive out of edit order" + reproduce);
            // the comparison means something only if there are reverts to compare: as many as data/README.md says
            assertEquals(documentedReverts, reverts, "identity reverts in " + file);
        } finally {
            Files.deleteIfExists(shuffled);
        }
    }

    // --- the rewrite -------------------------------------------------------------------------------------------

    /**
     * Writes {@code export} to {@code target} (plain XML) with its pages in reverse document order and each page's
     * revisions shuffled, event for event otherwise: a StAX copy, not text surgery. Whitespace and comments between
     * elements travel with the element they precede.
     */
    static void rewriteOutOfOrder(Path export, Path target, Random random) throws Exception {
        try (InputStream xml = Exports.open(export); OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            XMLEventReader reader = Exports.inputFactory().createXMLEventReader(xml);
            List<XMLEvent> prologue = null;
            List<List<XMLEvent>> pages = new ArrayList<>();
            List<XMLEvent> outside = new ArrayList<>();
            while (reader.hasNext()) {
                XMLEvent event = reader.nextEvent();
                if (isStart(event, "page")) {
                    List<XMLEvent> page = new ArrayList<>();
                    if (prologue == null) {
                        prologue = outside;
                    } else {
                        page.addAll(outside);
                    }
                    outside = new ArrayList<>();
                    page.addAll(shuffledPage(event, reader, random));
                    pages.add(page);
                } else {
                    outside.add(event);
                }
            }
            reader.close();
            Collections.reverse(pages);
            XMLEventWriter writer = XMLOutputFactory.newFactory().createXMLEventWriter(out, "UTF-8");
            List<List<XMLEvent>> parts = new ArrayList<>();
            if (prologue != null) {
                parts.add(prologue);
            }
            parts.addAll(pages);
            parts.add(outside); // after the last page: </mediawiki>
            for (List<XMLEvent> part : parts) {
                for (XMLEvent event : part) {
                    requireWritableAsIs(event);
                    writer.add(event);
                }
            }
            writer.flush();
            writer.close();
        }
    }

    /** One {@code <page>}, from its start element (already read) to its end, with its revisions shuffled. */
    private static List<XMLEvent> shuffledPage(XMLEvent start, XMLEventReader reader, Random random)
            throws XMLStreamException {
        List<XMLEvent> head = new ArrayList<>(List.of(start));
        List<List<XMLEvent>> revisions = new ArrayList<>();
        List<XMLEvent> afterRevisions = new ArrayList<>();
        List<XMLEvent> gap = new ArrayList<>();
        while (true) {
            XMLEvent event = reader.nextEvent();
            if (event.isEndElement() && event.asEndElement().getName().getLocalPart().equals("page")) {
                gap.add(event);
                break;
            }
            if (event.isStartElement()) {
                List<XMLEvent> element = new ArrayList<>(gap);
                gap.clear();
                element.add(event);
                copyRestOfElement(reader, element);
                if (isStart(event, "revision")) {
                    revisions.add(element);
                } else {
                    (revisions.isEmpty() ? head : afterRevisions).addAll(element); // title, id, upload…
                }
            } else {
                gap.add(event);
            }
        }
        Collections.shuffle(revisions, random);
        List<XMLEvent> page = new ArrayList<>(head);
        revisions.forEach(page::addAll);
        page.addAll(afterRevisions);
        page.addAll(gap);
        return page;
    }

    private static void copyRestOfElement(XMLEventReader reader, List<XMLEvent> into) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            XMLEvent event = reader.nextEvent();
            if (event.isStartElement()) {
                depth++;
            } else if (event.isEndElement()) {
                depth--;
            }
            into.add(event);
        }
    }

    /**
     * A carriage return in text came from a character reference ({@code &#13;}); the JDK writer would write it raw,
     * and reading it again would turn it into a line feed: the copy would not be faithful. The sample dumps have none.
     */
    private static void requireWritableAsIs(XMLEvent event) {
        if (event.isCharacters() && event.asCharacters().getData().indexOf('\r') >= 0) {
            throw new IllegalStateException("a text holds a carriage return, which this rewrite cannot copy exactly");
        }
    }

    private static boolean isStart(XMLEvent event, String localName) {
        return event.isStartElement() && event.asStartElement().getName().getLocalPart().equals(localName);
    }

    /** Page id → how many revisions it has, in document order of the pages: read independently of the services. */
    private static Map<Long, Integer> revisionsByPage(Path export) throws Exception {
        Map<Long, Integer> pages = new LinkedHashMap<>();
        try (InputStream xml = Exports.open(export)) {
            XMLStreamReader reader = Exports.inputFactory().createXMLStreamReader(xml);
            int depth = 0;
            Long pageId = null;
            int revisions = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = reader.getLocalName();
                    if (name.equals("revision")) {
                        revisions++;
                    } else if (name.equals("id") && depth == 3) { // mediawiki > page > id
                        pageId = Long.parseLong(reader.getElementText().strip());
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (reader.getLocalName().equals("page")) {
                        pages.merge(pageId, revisions, Integer::sum);
                        revisions = 0;
                    }
                }
            }
            reader.close();
        }
        return pages;
    }

    // --- the stack ---------------------------------------------------------------------------------------------

    /** The whole history, oldest first, following {@code next}. */
    private static History history(String key) throws Exception {
        List<RevisionSummary> rows = client.history(key);
        Map<Integer, Long> revIdBySeq = new HashMap<>();
        Map<Long, Integer> seqByRevId = new HashMap<>();
        for (RevisionSummary row : rows) {
            revIdBySeq.put(row.getRevSeq(), row.getRevId());
            seqByRevId.put(row.getRevId(), row.getRevSeq());
        }
        return new History(key, rows, revIdBySeq, seqByRevId);
    }

    private static Revert revert(History history, int revSeq) throws Exception {
        dev.palimpsest.client.query.model.Revert revert = client.query().revisions()
                .getRevision(RevisionResourceApi.APIGetRevisionRequest.newBuilder().key(history.articleKey()).n(revSeq)
                        .build()).getRevert();
        if (revert == null) {
            return null;
        }
        List<Long> reverted = new ArrayList<>();
        revert.getRevertedRevSeqs().forEach(seq -> reverted.add(history.revId(seq)));
        return new Revert(history.revId(revert.getRestoredRevSeq()), reverted);
    }

    private static AsOf asOf(String key, Instant t) throws Exception {
        Revision revision = client.query().asOf().getRevisionAsOf(AsOfResourceApi.APIGetRevisionAsOfRequest
                .newBuilder().key(key).t(t.atOffset(ZoneOffset.UTC)).build());
        return new AsOf(revision.getRevId(), revision.getRevSha1());
    }
}
