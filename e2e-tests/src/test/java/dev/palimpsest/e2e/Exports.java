package dev.palimpsest.e2e;

import org.apache.commons.compress.compressors.CompressorStreamFactory;

import javax.xml.stream.XMLInputFactory;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the sample exports in the tests, independently of the services' own reader. */
final class Exports {

    private Exports() {
    }

    /** The export's XML, decompressed unless the file is plain {@code .xml}. */
    static InputStream open(Path export) throws Exception {
        InputStream raw = new BufferedInputStream(Files.newInputStream(export));
        return export.toString().endsWith(".xml") ? raw
                : new CompressorStreamFactory().createCompressorInputStream(raw);
    }

    /** StAX without DTDs, text coalesced. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
