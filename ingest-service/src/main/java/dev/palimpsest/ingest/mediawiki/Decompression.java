package dev.palimpsest.ingest.mediawiki;

import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a dump whatever its packing: plain XML, gzip, bzip2, xz or LZMA-alone (as Wikimedia and WikiWho publish
 * them), told apart by their first bytes, not by a file name.
 */
public final class Decompression {

    private Decompression() {
    }

    public static InputStream open(InputStream raw) throws IOException {
        InputStream buffered = new BufferedInputStream(raw, 1 << 16);
        String format;
        try {
            format = CompressorStreamFactory.detect(buffered);
        } catch (CompressorException notCompressed) {
            return buffered;
        }
        try {
            // decompressConcatenated: pbzip2/pigz-style multi-stream files are one document
            return new CompressorStreamFactory(true).createCompressorInputStream(format, buffered);
        } catch (CompressorException e) {
            throw new IOException("cannot open the " + format + " stream: " + e.getMessage(), e);
        }
    }
}
