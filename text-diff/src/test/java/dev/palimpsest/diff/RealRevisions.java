package dev.palimpsest.diff;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real texts for the property tests: the Rio Grande history's revisions, in file order, and the seed article. */
final class RealRevisions {

    private static List<String> rioGrande;

    private RealRevisions() {
    }

    /** The repository's data directory: the surefire property, or {@code ../data} from the module. */
    static Path data() {
        return Path.of(System.getProperty("palimpsest.data", "../data"));
    }

    static synchronized List<String> rioGrande() {
        if (rioGrande == null) {
            rioGrande = texts(data().resolve("wiki/enwiki_Rio_Grande_history_2002-2007.xml"));
        }
        return rioGrande;
    }

    static String seedArticle() {
        try {
            return Files.readString(data().resolve("seed/jasic-workers-solidarity-group.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code <text>} of every revision of a MediaWiki export, in order. */
    static List<String> texts(Path export) {
        List<String> texts = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(export)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("text")) {
                    texts.add(xml.getElementText());
                }
            }
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(export + ": " + e.getMessage(), e);
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException(export + " has no revision texts");
        }
        return texts;
    }
}
