package dev.palimpsest.ingest.mediawiki;

import com.ctc.wstx.stax.WstxInputFactory;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.Performer;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams a MediaWiki XML export (schemas 0.1 to 0.11, {@code Special:Export} and {@code pages-meta-history}
 * dumps) with StAX: one revision in memory at a time, whatever the size of the dump.
 *
 * <p>The root is accepted as MediaWiki's own importer ({@code WikiImporter}) and mwxml accept it: by its local name
 * {@code <mediawiki>}, whatever the schema version. Its namespace may be any export namespace
 * ({@code http://www.mediawiki.org/xml/export-0.N/}, with {@code https} or without the trailing slash, as tools
 * that rewrite exports leave them) or none at all; the elements inside are read in whatever namespace the root is
 * in. See {@link ExportRoot} for the schema version.
 *
 * <p>Hardened: a DTD (and so any entity: XXE, billion laughs) is refused, as is anything that is not well-formed,
 * not UTF-8 or not rooted in {@code <mediawiki>}; those fail the whole document with {@link DumpFormatException}.
 * Problems confined to one page or revision become a {@link DumpRejection} and reading goes on.
 */
public final class MediaWikiDumpReader {

    private final String databaseOverride;

    /** @param databaseOverride the wiki's database name to use instead of the dump's own (or derived) one */
    public MediaWikiDumpReader(String databaseOverride) {
        this.databaseOverride = databaseOverride;
    }

    /**
     * What a whole document held.
     *
     * @param root the export's root: its namespace and declared schema version
     */
    public record Totals(String database, ExportRoot root, long pages, long revisions, long rejections) {
    }

    public Totals read(InputStream xml, Consumer<DumpItem> sink) throws DumpFormatException {
        XMLStreamReader reader = null;
        try {
            reader = secureFactory().createXMLStreamReader(xml);
            return new Pass(reader, sink).document();
        } catch (XMLStreamException e) {
            throw new DumpFormatException("not a well-formed MediaWiki export: " + describe(e));
        } catch (SinkFailure e) {
            // the consumer's own failure, not the document's: let it through as it was
            throw (RuntimeException) e.getCause();
        } catch (RuntimeException e) {
            // the JDK parser reports some encoding and I/O failures unchecked
            throw new DumpFormatException("unreadable export: " + describe(e));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release that matters
                }
            }
        }
    }

    /**
     * Woodstox, named rather than found on the class path: on a history's texts of tens of kilobytes it parses twice
     * as fast as the JDK's built-in StAX (ADR 0034: 8.6 s against 15.4 s for the 1 GB of the Anarchism history).
     */
    static XMLInputFactory secureFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * What went wrong, in words for the client: the messages of the failures, never their class names (an
     * exception without a message, such as a decompressor's {@code EOFException}, is described by what it means).
     */
    public static String describe(Throwable e) {
        List<String> messages = new ArrayList<>();
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            String message = t.getMessage();
            // a wrapper made from its cause (new XMLStreamException(cause)) has the cause's class name as message
            boolean ownWords = message != null && (t.getCause() == null || !message.equals(t.getCause().toString()));
            if (ownWords && messages.stream().noneMatch(earlier -> earlier.contains(message))) {
                messages.add(message);
            }
        }
        if (messages.isEmpty()) {
            messages.add(meaning(root));
        }
        String described = messages.get(0) + (messages.size() > 1 ? " (" + messages.get(messages.size() - 1) + ")" : "");
        return described.replaceAll("\\s+", " ").strip();
    }

    private static String meaning(Throwable e) {
        return e instanceof java.io.EOFException ? "the data ends too early" : "the data cannot be read";
    }

    /** One reading of one document. */
    private final class Pass {
        private final XMLStreamReader reader;
        private final Consumer<DumpItem> sink;
        private ExportRoot root;
        private String database;
        private String base;
        private String resolvedDatabase;
        private long pages;
        private long revisions;
        private long rejections;

        Pass(XMLStreamReader reader, Consumer<DumpItem> sink) {
            this.reader = reader;
            this.sink = sink;
        }

        Totals document() throws XMLStreamException, DumpFormatException {
            int event = reader.next();
            while (event != XMLStreamConstants.START_ELEMENT) {
                if (event == XMLStreamConstants.DTD) {
                    throw new DumpFormatException("a DTD is not allowed in a MediaWiki export (entities are refused)");
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new DumpFormatException("the document has no root element");
                }
                event = reader.next();
            }
            root = ExportRoot.of(reader.getLocalName(), reader.getNamespaceURI(),
                    reader.getAttributeValue(null, "version"));
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "siteinfo" -> siteinfo();
                    case "page" -> page();
                    default -> skip();
                }
            }
            // the rest of the document must still be well-formed: a truncated file fails here
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.DTD) {
                    throw new DumpFormatException("a DTD is not allowed in a MediaWiki export");
                }
            }
            return new Totals(database(), root, pages, revisions, rejections);
        }

        private void siteinfo() throws XMLStreamException {
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "dbname" -> database = reader.getElementText().strip();
                    case "base" -> base = reader.getElementText().strip();
                    default -> skip();
                }
            }
        }

        /** Settled once, at the first page: {@code <siteinfo>} comes before every page. */
        private String database() {
            if (resolvedDatabase == null) {
                if (databaseOverride != null && !databaseOverride.isBlank()) {
                    resolvedDatabase = databaseOverride;
                } else if (database != null && !database.isEmpty()) {
                    resolvedDatabase = database;
                } else {
                    resolvedDatabase = WikiDatabaseNames.fromBase(base).orElse(null);
                }
            }
            return resolvedDatabase;
        }

        private void page() throws XMLStreamException, DumpFormatException {
            pages++;
            String title = null;
            Long pageId = null;
            int namespace = 0;
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "title" -> title = reader.getElementText();
                    case "ns" -> namespace = parseInt(reader.getElementText(), 0);
                    case "id" -> pageId = parseLong(reader.getElementText());
                    case "revision" -> revision(title, pageId, namespace);
                    default -> skip();
                }
            }
        }

        private void revision(String title, Long pageId, int namespace) throws XMLStreamException,
                DumpFormatException {
            revisions++;
            Long revId = null;
            Long parentId = null;
            String timestampText = null;
            Performer contributor = null;
            boolean contributorHidden = false;
            String comment = null;
            boolean commentHidden = false;
            boolean minor = false;
            String model = null;
            String format = null;
            TextElement text = null;
            String sha1 = null;
            List<DumpSlot> otherSlots = new ArrayList<>();
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "id" -> revId = parseLong(reader.getElementText());
                    case "parentid" -> parentId = parseLong(reader.getElementText());
                    case "timestamp" -> timestampText = reader.getElementText().strip();
                    case "contributor" -> {
                        contributorHidden = isDeleted();
                        contributor = contributor();
                    }
                    case "minor" -> {
                        minor = true;
                        skip();
                    }
                    case "comment" -> {
                        commentHidden = isDeleted();
                        comment = reader.getElementText();
                        if (commentHidden) {
                            comment = null;
                        }
                    }
                    case "model" -> model = reader.getElementText().strip();
                    case "format" -> format = reader.getElementText().strip();
                    case "text" -> text = text();
                    case "sha1" -> sha1 = reader.getElementText().strip();
                    case "content" -> {
                        // schema 0.11 multi-content revisions: the main slot is the article text, the others are
                        // kept beside it
                        Slot slot = slot();
                        if (ContentSlot.MAIN.equals(slot.role()) && slot.text() != null) {
                            text = slot.text();
                            model = slot.model() == null ? model : slot.model();
                            format = slot.format() == null ? format : slot.format();
                        } else if (slot.role() != null && !ContentSlot.MAIN.equals(slot.role())) {
                            otherSlots.add(new DumpSlot(slot.role(), slot.model(), slot.format(),
                                    slot.text() == null ? null : slot.text().value(),
                                    slot.text() != null && slot.text().hidden()));
                        }
                    }
                    default -> skip();
                }
            }
            String database = database();
            if (database == null) {
                throw new DumpFormatException("the export names no wiki (no <dbname>, no usable <base>): give the"
                        + " database name explicitly");
            }
            String problem = pageId == null ? "the page has no <id>"
                    : title == null ? "the page has no <title>"
                    : revId == null ? "the revision has no <id>"
                    : timestampText == null ? "the revision has no <timestamp>"
                    : text == null ? "the revision has no <text>"
                    : otherSlots.stream().filter(slot -> slot.text() == null && !slot.hidden())
                            .map(slot -> "the revision's " + slot.role() + " slot has no <text>").findFirst()
                            .orElse(null);
            Instant timestamp = null;
            if (problem == null) {
                try {
                    timestamp = Instant.parse(timestampText);
                } catch (DateTimeParseException e) {
                    problem = "timestamp '" + timestampText + "' is not an ISO-8601 instant";
                }
            }
            if (problem != null) {
                rejections++;
                deliver(new DumpRejection(title, revId, problem));
                return;
            }
            deliver(new DumpRevision(database, pageId, namespace, title, revId, parentId, timestamp,
                    timestampText, contributor, contributorHidden, comment, commentHidden, minor, model, format,
                    text.value(), true, text.hidden(), sha1 == null || sha1.isEmpty() ? text.sha1() : sha1,
                    List.copyOf(otherSlots)));
        }

        private void deliver(DumpItem item) {
            try {
                sink.accept(item);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        private Performer contributor() throws XMLStreamException {
            String name = null;
            Long id = null;
            String ip = null;
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "username" -> name = reader.getElementText();
                    case "id" -> id = parseLong(reader.getElementText());
                    case "ip" -> ip = reader.getElementText();
                    default -> skip();
                }
            }
            if (name == null && ip == null && id == null) {
                return null;
            }
            return new Performer(id, name != null ? name : ip);
        }

        /** The {@code <text>} element: its content, or hidden, with the sha1 attribute of schema 0.11. */
        private TextElement text() throws XMLStreamException {
            boolean hidden = isDeleted();
            String sha1 = reader.getAttributeValue(null, "sha1");
            String value = reader.getElementText();
            return new TextElement(hidden ? null : value, hidden, sha1);
        }

        private Slot slot() throws XMLStreamException {
            String role = null;
            String model = null;
            String format = null;
            TextElement text = null;
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "role" -> role = reader.getElementText().strip();
                    case "model" -> model = reader.getElementText().strip();
                    case "format" -> format = reader.getElementText().strip();
                    case "text" -> text = text();
                    default -> skip();
                }
            }
            return new Slot(role, model, format, text);
        }

        private boolean isDeleted() {
            return "deleted".equals(reader.getAttributeValue(null, "deleted"));
        }

        /**
         * Moves to the next child element of the current one that is in the export's namespace; false (at its end
         * tag) when there is none. An element of another namespace is not the export's even when its local name
         * is (an extension's {@code <x:text>}): it is skipped whole.
         */
        private boolean nextChild() throws XMLStreamException {
            while (true) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (root.contains(reader.getNamespaceURI())) {
                        return true;
                    }
                    skip();
                    continue;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return false;
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new XMLStreamException("the document ends before its elements are closed (truncated?)");
                }
            }
        }

        /** Skips the current element and everything in it. */
        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new XMLStreamException("the document ends inside an element (truncated?)");
                }
            }
        }
    }

    /** Carries a failure of the consumer through the reader, to tell it from a failure of the document. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause);
        }
    }

    private record TextElement(String value, boolean hidden, String sha1) {
    }

    private record Slot(String role, String model, String format, TextElement text) {
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseInt(String value, int fallback) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
