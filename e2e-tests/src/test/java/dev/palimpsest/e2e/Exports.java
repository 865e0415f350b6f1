package dev.palimpsest.e2e;

import dev.palimpsest.events.ContentHash;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the sample exports in the tests, independently of the services' own reader. */
public final class Exports {

    private Exports() {
    }

    /**
     * Article key ({@code <database>:<page id>}) to the sha1 (hex, of the UTF-8 text) of each of its revisions, in
     * document order: a StAX walk of its own, not the services' reader. For exports without hidden texts.
     *
     * @param database the key's database, or null for the export's own {@code <dbname>} (exports 0.10 and later)
     */
    public static Map<String, List<String>> textSha1sByArticle(Path export, String database) throws Exception {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        try (InputStream in = open(export)) {
            XMLStreamReader xml = inputFactory().createXMLStreamReader(in);
            String keyDatabase = database;
            List<String> revisions = null;
            boolean inPage = false;
            boolean inRevision = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "dbname" -> keyDatabase = database != null ? database : xml.getElementText().strip();
                        case "page" -> inPage = true;
                        case "revision" -> inRevision = true;
                        case "id" -> {
                            String id = xml.getElementText().strip();
                            if (inPage && !inRevision && revisions == null) {
                                revisions = pages.computeIfAbsent(keyDatabase + ":" + id, key -> new ArrayList<>());
                            }
                        }
                        case "text" -> revisions.add(ContentHash.sha1Hex(xml.getElementText()));
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "page" -> {
                            inPage = false;
                            revisions = null;
                        }
                        case "revision" -> inRevision = false;
                        default -> {
                        }
                    }
                }
            }
        }
        return pages;
    }

    /**
     * A revision as the export states it; {@code textSha1} is null for a text hidden at the source, {@code dumpSha1}
     * the export's own base-36 {@code <sha1>} (null where the export has none).
     */
    public record ExpectedRevision(long revId, Instant timestamp, String textSha1, String dumpSha1) {
    }

    /**
     * Article key ({@code <database>:<page id>}) → its revisions in document order: an independent reading (a plain
     * StAX walk written for the tests, not the service's reader), in constant memory whatever the dump's size.
     */
    public static Map<String, List<ExpectedRevision>> revisionsByArticle(Path export, String database)
            throws Exception {
        Map<String, List<ExpectedRevision>> pages = new LinkedHashMap<>();
        try (InputStream xml = Exports.open(export)) {
            XMLStreamReader reader = Exports.inputFactory().createXMLStreamReader(xml);
            List<ExpectedRevision> revisions = null;
            boolean inRevision = false;
            boolean inContributor = false;
            Long revId = null;
            Instant timestamp = null;
            String textSha1 = null;
            String dumpSha1 = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "revision" -> {
                            inRevision = true;
                            dumpSha1 = null;
                        }
                        case "sha1" -> {
                            String sha1 = reader.getElementText().strip();
                            dumpSha1 = sha1.isEmpty() ? null : sha1;
                        }
                        case "contributor" -> inContributor = true;
                        case "id" -> {
                            String id = reader.getElementText().strip();
                            if (!inRevision) {
                                revisions = new ArrayList<>();
                                pages.put(database + ":" + id, revisions);
                            } else if (!inContributor) {
                                revId = Long.parseLong(id);
                            }
                        }
                        case "timestamp" -> timestamp = Instant.parse(reader.getElementText().strip());
                        case "text" -> {
                            boolean hidden = "deleted".equals(reader.getAttributeValue(null, "deleted"));
                            String text = reader.getElementText();
                            textSha1 = hidden ? null : ContentHash.sha1Hex(text);
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "contributor" -> inContributor = false;
                        case "revision" -> {
                            revisions.add(new ExpectedRevision(revId, timestamp, textSha1, dumpSha1));
                            inRevision = false;
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        return pages;
    }

    /** The export's XML, decompressed unless the file is plain {@code .xml}. */
    public static InputStream open(Path export) throws Exception {
        InputStream raw = new BufferedInputStream(Files.newInputStream(export));
        return export.toString().endsWith(".xml") ? raw
                : new CompressorStreamFactory().createCompressorInputStream(raw);
    }

    /** StAX without DTDs, text coalesced. */
    public static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
