package dev.palimpsest.ingest.mediawiki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;

import static dev.palimpsest.ingest.mediawiki.MediaWikiDumpReaderTest.WIKI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packings told apart by their first bytes, never by a file name: the dumps in data/wiki and gzip made here. */
class DecompressionTest {

    private static final String RIO_GRANDE = "enwiki_Rio_Grande_history_2002-2007.xml";

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(packed)) {
            out.write(data);
        }
        return packed.toByteArray();
    }

    private static byte[] opened(byte[] raw) throws IOException {
        try (InputStream in = Decompression.open(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzipIsRecognisedByItsMagicNumberAndGivesBackTheExactBytes() throws IOException {
        byte[] plain = Files.readAllBytes(WIKI.resolve(RIO_GRANDE));
        byte[] packed = gzip(plain);
        assertEquals(0x1f, packed[0] & 0xff);
        assertEquals(0x8b, packed[1] & 0xff);
        assertArrayEquals(plain, opened(packed));
    }

    @Test
    void concatenatedGzipMembersAreOneDocument() throws IOException {
        // what pigz and `cat a.gz b.gz` make
        byte[] plain = Files.readAllBytes(WIKI.resolve(RIO_GRANDE));
        int half = plain.length / 2;
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        twoMembers.write(gzip(java.util.Arrays.copyOfRange(plain, 0, half)));
        twoMembers.write(gzip(java.util.Arrays.copyOfRange(plain, half, plain.length)));
        assertArrayEquals(plain, opened(twoMembers.toByteArray()));
    }

    @Test
    void aGzipExportReadsLikeThePlainOne() throws Exception {
        byte[] plain = Files.readAllBytes(WIKI.resolve(RIO_GRANDE));
        MediaWikiDumpReaderTest.Read fromGzip = MediaWikiDumpReaderTest.read(new ByteArrayInputStream(gzip(plain)));
        assertEquals(MediaWikiDumpReaderTest.read(RIO_GRANDE).revisions(), fromGzip.revisions());
    }

    @Test
    void plainXmlPassesThroughUntouched() throws IOException {
        byte[] plain = "<mediawiki/>".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(plain, opened(plain));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aawiki-20260101-pages-meta-history.xml.bz2", "enwiki_Anarchism_first2000revs.xml.xz",
            "enwiki_Anarchism_history_2001-2010.xml.lzma"})
    void theCompressedDumpsOpenAsXml(String file) throws IOException {
        try (InputStream in = Decompression.open(Files.newInputStream(WIKI.resolve(file)))) {
            String start = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            assertTrue(start.startsWith("<?xml") || start.startsWith("<mediawiki"), start);
        }
    }
}
