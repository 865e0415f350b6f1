package dev.palimpsest.bench;

import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The revisions of a MediaWiki export read in document order, one at a time (a 1 GB history never sits in memory),
 * for the anchors that need the texts themselves: {@code git fast-import}'s stream and the pairs to diff. The
 * services parse dumps with their own reader; this one takes only the few fields an anchor needs, from any packing
 * the services accept (plain, gzip, bzip2, xz, LZMA), told apart by the first bytes.
 */
final class WikiHistory {

    /** One revision as the dump has it; {@code contributor} is the user name, else the IP, else empty. */
    record Revision(long pageId, String title, long revisionId, Instant timestamp, String contributor,
                    String comment, String text) {
    }

    private WikiHistory() {
    }

    /** Calls {@code each} with every revision of every page, in document order. */
    static void read(Path dump, Consumer<Revision> each) throws IOException {
        try (InputStream raw = Files.newInputStream(dump)) {
            read(raw, each);
        }
    }

    static void read(InputStream raw, Consumer<Revision> each) throws IOException {
        try (InputStream in = decompressed(raw)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                new Walk(xml, each).run();
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("not a MediaWiki export: " + e.getMessage(), e);
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        InputStream buffered = new BufferedInputStream(raw, 1 << 16);
        String format;
        try {
            format = CompressorStreamFactory.detect(buffered);
        } catch (CompressorException plain) {
            return buffered;
        }
        try {
            return new CompressorStreamFactory(true).createCompressorInputStream(format, buffered);
        } catch (CompressorException e) {
            throw new IOException("cannot open the " + format + " stream: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Elements are matched by local name and by their parent: {@code <id>} is a page's, a revision's or a user's. */
    private static final class Walk {
        private final XMLStreamReader xml;
        private final Consumer<Revision> each;
        private final Deque<String> path = new ArrayDeque<>();
        private long pageId;
        private String title;
        private long revisionId;
        private Instant timestamp;
        private String contributor;
        private String comment;
        private String text;

        Walk(XMLStreamReader xml, Consumer<Revision> each) {
            this.xml = xml;
            this.each = each;
        }

        void run() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    String parent = path.peek();
                    path.push(name);
                    if ("revision".equals(name)) {
                        revisionId = 0;
                        timestamp = null;
                        contributor = "";
                        comment = "";
                        text = "";
                    } else if (isField(name, parent)) {
                        String value = xml.getElementText();
                        path.pop();
                        take(name, parent, value);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    if ("revision".equals(name)) {
                        each.accept(new Revision(pageId, title, revisionId, timestamp, contributor, comment, text));
                    }
                }
            }
        }

        private static boolean isField(String name, String parent) {
            return switch (name) {
                case "title" -> "page".equals(parent);
                case "id" -> "page".equals(parent) || "revision".equals(parent);
                case "timestamp", "comment", "text" -> "revision".equals(parent);
                case "username", "ip" -> "contributor".equals(parent);
                default -> false;
            };
        }

        private void take(String name, String parent, String value) {
            switch (name) {
                case "title" -> title = value;
                case "id" -> {
                    if ("page".equals(parent)) {
                        pageId = Long.parseLong(value.strip());
                    } else {
                        revisionId = Long.parseLong(value.strip());
                    }
                }
                case "timestamp" -> timestamp = Instant.parse(value.strip());
                case "comment" -> comment = value;
                case "text" -> text = value;
                case "username", "ip" -> contributor = value;
                default -> {
                }
            }
        }
    }
}
