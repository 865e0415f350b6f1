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
