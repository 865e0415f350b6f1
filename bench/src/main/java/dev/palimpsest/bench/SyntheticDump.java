package dev.palimpsest.bench;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.Sha1Base36;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A MediaWiki export (schema 0.11, as {@code Special:Export} and the {@code pages-meta-history} dumps write it) of
 * synthetic page histories, streamed: one revision's text in memory at a time (and the few a revert may restore),
 * whatever the dump's size. The same {@link DumpShape} gives the same bytes.
 *
 * <p>Every revision has what real dumps have: increasing ids and timestamps, the parent id, a registered or
 * anonymous contributor, usually a comment, sometimes the minor flag, model and format, the text with its
 * {@code bytes} and {@code sha1} attributes, and {@code <sha1>} in MediaWiki's base 36.
 */
public final class SyntheticDump implements ImportSource {

    public static final String EXPORT_NAMESPACE = "http://www.mediawiki.org/xml/export-0.11/";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XML = "http://www.w3.org/XML/1998/namespace";
    /** Each page's history spreads over these years, however many revisions it has: never in ingest's future. */
    private static final Instant FIRST_EDIT = Instant.parse("2002-01-01T00:00:00Z");
    private static final Instant LAST_EDIT = Instant.parse("2024-12-31T00:00:00Z");
    private static final String[] SUMMARIES = {
            "copyedit", "typo", "/* %s */ expand", "/* %s */ clarify", "added citation", "rewording",
            "fix link", "update", "Ergänzung", "修正", "/* %s */ c/e", "rm unsourced claim"};
    private static final String[][] NAMESPACES = {
            {"-2", "Media"}, {"-1", "Special"}, {"0", ""}, {"1", "Talk"}, {"2", "User"}, {"3", "User talk"},
            {"4", "Bench"}, {"5", "Bench talk"}, {"6", "File"}, {"7", "File talk"}, {"10", "Template"},
            {"11", "Template talk"}, {"14", "Category"}, {"15", "Category talk"}};

    private final DumpShape shape;
    private final AtomicLong revisionsWritten = new AtomicLong();

    /** What a dump held, counted while it was written. */
    public record Totals(long pages, long revisions, long identityReverts, long textBytes) {
    }

    public SyntheticDump(DumpShape shape) {
        this.shape = shape;
    }

    public DumpShape shape() {
        return shape;
    }

    @Override
    public String database() {
        return shape.database();
    }

    @Override
    public java.util.Map<String, Long> expectedRevisions() {
        java.util.Map<String, Long> expected = new java.util.LinkedHashMap<>();
        for (int page = 0; page < shape.pages(); page++) {
            expected.put(shape.articleKey(page), (long) shape.revisionsPerPage());
        }
        return expected;
    }

    /** Revisions written so far; safe to read from another thread while the dump is being written. */
    @Override
    public long revisionsWritten() {
        return revisionsWritten.get();
    }

    /** Writes the whole dump, gzip-compressed or as plain XML; does not close {@code out}. */
    @Override
    public Totals writeTo(OutputStream out, boolean gzip) throws IOException {
        if (!gzip) {
            return writeTo(out);
        }
        GZIPOutputStream compressed = new GZIPOutputStream(new NonClosing(out), 1 << 16);
        Totals totals = writeTo(compressed);
        compressed.finish();
        return totals;
    }

    /** Writes the whole dump as plain XML; does not close {@code out}. */
    public Totals writeTo(OutputStream out) throws IOException {
        // A BufferedWriter, not the OutputStreamWriter itself: given the latter, the JDK's writer would escape
        // each half of a surrogate pair as a character reference, which is not well-formed XML.
        Writer text = new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8),
                1 << 16);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            Totals totals = new Document(xml).write();
            xml.close();
            text.close(); // flushes; out itself stays open
            return totals;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the synthetic dump: " + e.getMessage(), e);
        }
    }

    /** One writing of the document. */
    private final class Document {
        private final XMLStreamWriter xml;
        private final Contributors contributors;
        private final SplittableRandom pages;
        private long identityReverts;
        private long textBytes;

        Document(XMLStreamWriter xml) {
            this.xml = xml;
            SplittableRandom root = new SplittableRandom(shape.seed());
            this.contributors = new Contributors(root.split());
            this.pages = root.split();
        }

        Totals write() throws XMLStreamException {
            xml.writeStartElement("mediawiki");
            xml.writeDefaultNamespace(EXPORT_NAMESPACE);
            xml.writeNamespace("xsi", XSI);
            xml.writeAttribute("xsi", XSI, "schemaLocation",
                    EXPORT_NAMESPACE + " http://www.mediawiki.org/xml/export-0.11.xsd");
            xml.writeAttribute("version", "0.11");
            xml.writeAttribute("xml", XML, "lang", "en");
            siteinfo();
            for (int page = 0; page < shape.pages(); page++) {
                page(page, pages.split());
            }
            newline(0);
            xml.writeEndElement();
            newline(0);
            xml.writeEndDocument();
            return new Totals(shape.pages(), revisionsWritten.get(), identityReverts, textBytes);
        }

        private void siteinfo() throws XMLStreamException {
            newline(1);
            xml.writeStartElement("siteinfo");
            element(2, "sitename", "Palimpsest Bench");
            element(2, "dbname", shape.database());
            element(2, "base", "https://bench.example.org/wiki/Main_Page");
            element(2, "generator", "palimpsest-bench SyntheticDump (seed " + shape.seed() + ")");
            element(2, "case", "first-letter");
            newline(2);
            xml.writeStartElement("namespaces");
            for (String[] namespace : NAMESPACES) {
                newline(3);
                if (namespace[1].isEmpty()) {
                    xml.writeEmptyElement("namespace");
                } else {
                    xml.writeStartElement("namespace");
                }
                xml.writeAttribute("key", namespace[0]);
                xml.writeAttribute("case", "first-letter");
                if (!namespace[1].isEmpty()) {
                    xml.writeCharacters(namespace[1]);
                    xml.writeEndElement();
                }
            }
            newline(2);
            xml.writeEndElement();
            newline(1);
            xml.writeEndElement();
        }

        private void page(int page, SplittableRandom random) throws XMLStreamException {
            newline(1);
            xml.writeStartElement("page");
            element(2, "title", title(page));
            element(2, "ns", "0");
            element(2, "id", Long.toString(shape.pageId(page)));
            SyntheticArticle article = new SyntheticArticle(random, shape.textBytes());
            Deque<String> authors = new ArrayDeque<>(); // of the latest revisions, for revert summaries
            // whole seconds, as MediaWiki's timestamps have
            Duration step = Duration.ofSeconds(Duration.between(FIRST_EDIT, LAST_EDIT).toSeconds()
                    / shape.revisionsPerPage());
            for (int r = 0; r < shape.revisionsPerPage(); r++) {
                SyntheticArticle.Change change = article.next();
                Contributors.Contributor contributor = contributors.pick();
                // strictly increasing: each revision falls somewhere in the first half of its own step
                Instant timestamp = FIRST_EDIT.plus(step.multipliedBy(r))
                        .plusSeconds(random.nextLong(step.toSeconds() / 2 + 1));
                String summary = summary(r, change, authors, random);
                revision(page, r, timestamp, contributor, summary, r > 0 && random.nextInt(5) == 0, change.text());
                if (change.isRevert()) {
                    identityReverts++;
                }
                authors.addFirst(contributor.label());
                if (authors.size() > 10) {
                    authors.removeLast();
                }
            }
            newline(1);
            xml.writeEndElement();
        }

        private void revision(int page, int r, Instant timestamp, Contributors.Contributor contributor,
                              String summary, boolean minor, String text) throws XMLStreamException {
            long id = shape.revisionId(page, r);
            newline(2);
            xml.writeStartElement("revision");
            element(3, "id", Long.toString(id));
            if (r > 0) {
                element(3, "parentid", Long.toString(shape.revisionId(page, r - 1)));
            }
            element(3, "timestamp", timestamp.toString());
            newline(3);
            xml.writeStartElement("contributor");
            if (contributor.anonymous()) {
                element(4, "ip", contributor.ip());
            } else {
                element(4, "username", contributor.name());
                element(4, "id", Long.toString(contributor.id()));
            }
            newline(3);
            xml.writeEndElement();
            if (minor) {
                newline(3);
                xml.writeEmptyElement("minor");
            }
            if (summary != null) {
                element(3, "comment", summary);
            }
            element(3, "origin", Long.toString(id));
            element(3, "model", "wikitext");
            element(3, "format", "text/x-wiki");
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            String sha1 = Sha1Base36.fromHex(ContentHash.sha1Hex(utf8));
            textBytes += utf8.length;
            newline(3);
            xml.writeStartElement("text");
            xml.writeAttribute("bytes", Integer.toString(utf8.length));
            xml.writeAttribute("sha1", sha1);
            xml.writeAttribute("xml", XML, "space", "preserve");
            xml.writeCharacters(text);
            xml.writeEndElement();
            element(3, "sha1", sha1);
            newline(2);
            xml.writeEndElement();
            revisionsWritten.incrementAndGet();
        }

        /** An edit summary, or null for none (about one edit in seven). */
        private String summary(int r, SyntheticArticle.Change change, Deque<String> authors,
                               SplittableRandom random) {
            if (r == 0) {
                return "Created page with \"" + prefix(change.text(), 40) + "\"";
            }
            if (change.isRevert()) {
                Iterator<String> latest = authors.iterator();
                String undone = latest.next();
                String restored = undone;
                for (int i = 0; i < change.revertDepth() && latest.hasNext(); i++) {
                    restored = latest.next();
                }
                return "Reverted edits by [[Special:Contributions/" + undone + "|" + undone + "]] ([[User talk:"
                        + undone + "|talk]]) to last version by " + restored;
            }
            if (random.nextInt(7) == 0) {
                return null;
            }
            return SUMMARIES[random.nextInt(SUMMARIES.length)].formatted(
                    WordSource.capitalized(new WordSource(random).plainWord()));
        }

        /** Unique titles; some with a dash and Chinese, as titles on real wikis have. */
        private String title(int page) {
            return page % 7 == 3 ? "Synthetic history " + (page + 1) + " – 试验"
                    : "Bench article " + (page + 1);
        }

        private void element(int depth, String name, String value) throws XMLStreamException {
            newline(depth);
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }

        private void newline(int depth) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }

    /** The first {@code length} characters, not splitting a surrogate pair. */
    private static String prefix(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    /** Keeps the caller's stream open when the writers around it are closed. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length); // FilterOutputStream would write byte by byte
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
