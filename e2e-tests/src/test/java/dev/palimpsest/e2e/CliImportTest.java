package dev.palimpsest.e2e;

import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.Cli.Run;
import dev.palimpsest.e2e.Exports.ExpectedRevision;
import dev.palimpsest.events.Sha1Base36;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code ./palimpsest import} against the real stack, with the exports a user brings: every root form MediaWiki's
 * own importer accepts (the export namespace with http or https, with or without its trailing slash, for every
 * schema version 0.1 to 0.11; no namespace; a version attribute only), and every packing (gzip, bzip2, xz, LZMA).
 * Each export is made at test time (into target/) from the real histories in data/wiki: the same document with
 * only its root element rewritten, or the first pages or revisions of a history packed again (the gzip one whole);
 * each is imported under a database name of its own, so that every import stores new articles. Then every
 * revision is read back through the query API: its text's sha1 must be that of the export's text (read
 * independently, {@link Exports#revisionsByArticle}), its recorded sha1 too, and the export's own {@code <sha1>}
 * where it has one; a text hidden at the source answers 410.
 */
class CliImportTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Path WIKI = SharedStack.home().resolve("data/wiki");
    /** 2 pages, 33 revisions, schema 0.11 with texts, comments and authors hidden at the source. */
    private static final String SAMPLE = "simplewiki_sample_suppressed_revs_schema0.11.xml";
    /**
     * Slices of the larger histories, so that each packing takes seconds rather than minutes; the whole files go
     * through the stack in ImportFidelityTest.
     */
    private static final int ANARCHISM_REVISIONS = 80;
    private static final int AAWIKI_PAGES = 40;
    /** What closes a history cut after one of its revisions. */
    private static final String END_OF_PAGE = "\n  </page>\n</mediawiki>\n";

    private static PalimpsestStack stack;
    private static StackClient client;
    private static Cli cli;
    private static Path exports;

    @BeforeAll
    static void stack(@TempDir Path tokens) throws IOException {
        stack = SharedStack.get();
        client = new StackClient(stack);
        cli = new Cli(stack, Files.writeString(tokens.resolve("token"), StackClient.token(stack, "writer") + "\n"));
        exports = Files.createDirectories(SharedStack.home().resolve("e2e-tests/target/cli-import"));
    }

    /**
     * One export per namespace form (http or https, with or without the trailing slash, none, a version attribute
     * only), each form with a different schema version: every version 0.1-0.11 of every form is read by
     * MediaWikiDumpReaderTest; here each form crosses the whole stack once.
     */
    static Stream<Arguments> rootForms() {
        record Form(String scheme, boolean slash, int minor) { }
        Stream<Arguments> namespaced = Stream.of(new Form("http", true, 10), new Form("http", false, 1),
                new Form("https", true, 11), new Form("https", false, 5)).map(form -> {
                    String namespace = form.scheme() + "://www.mediawiki.org/xml/export-0." + form.minor()
                            + (form.slash() ? "/" : "");
                    return arguments(form.scheme() + (form.slash() ? "_slash" : "_noslash") + "_0_" + form.minor(),
                            "<mediawiki xmlns=\"" + namespace + "\" version=\"0." + form.minor()
                                    + "\" xml:lang=\"en\">");
                });
        return Stream.concat(namespaced, Stream.of(
                arguments("no_namespace", "<mediawiki xml:lang=\"en\">"),
                arguments("version_attribute_only", "<mediawiki version=\"0.11\" xml:lang=\"en\">")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootForms")
    void everyRootFormIsImportedThroughTheCliAndAnsweredByteForByte(String form, String rootStartTag)
            throws Exception {
        String xml = Files.readString(WIKI.resolve(SAMPLE), StandardCharsets.UTF_8);
        String rewritten = xml.replaceFirst("<mediawiki\\b[^>]*>", Matcher.quoteReplacement(rootStartTag));
        assertNotEquals(xml, rewritten, "only the root is rewritten, and it is");
        Path export = Files.writeString(exports.resolve("simplewiki-" + form + ".xml"), rewritten,
                StandardCharsets.UTF_8);
        importedFaithfully(export, "rootform_" + form);
    }

    @Test
    void aMediawikiRootOutsideTheExportNamespacesIsRefusedAndNothingIsStored() throws Exception {
        String xml = Files.readString(WIKI.resolve(SAMPLE), StandardCharsets.UTF_8);
        Path export = Files.writeString(exports.resolve("simplewiki-foreign-namespace.xml"),
                xml.replaceFirst("<mediawiki\\b[^>]*>", "<mediawiki xmlns=\"urn:example:not-an-export\">"),
                StandardCharsets.UTF_8);
        Run refused = cli.run("import", export.toString(), "--database", "cli_refused");
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().contains("the root element is <mediawiki> in namespace 'urn:example:not-an-export';"
                + " a MediaWiki export's root is <mediawiki>"), refused.err());
        for (String key : Exports.revisionsByArticle(export, "cli_refused").keySet()) {
            assertEquals(0, client.revisionCount(key), key);
        }
    }

    @Test
    void aGzipExport() throws Exception {
        Path export = exports.resolve("enwiki_Rio_Grande_history_2002-2007.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(export))) {
            Files.copy(WIKI.resolve("enwiki_Rio_Grande_history_2002-2007.xml"), out);
        }
        importedFaithfully(export, "cli_gzip");
    }

    @Test
    void aBzip2Export() throws Exception {
        Path export = exports.resolve("aawiki-20260101-first" + AAWIKI_PAGES + "pages.xml.bz2");
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(export))) {
            out.write(prefix(WIKI.resolve("aawiki-20260101-pages-meta-history.xml.bz2"), "</page>", AAWIKI_PAGES,
                    "\n</mediawiki>\n"));
        }
        importedFaithfully(export, "cli_bzip2");
    }

    @Test
    void anXzExport() throws Exception {
        Path export = exports.resolve("enwiki_Anarchism_first" + ANARCHISM_REVISIONS + "revs.xml.xz");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(export), new LZMA2Options())) {
            out.write(prefix(WIKI.resolve("enwiki_Anarchism_first2000revs.xml.xz"), "</revision>",
                    ANARCHISM_REVISIONS, END_OF_PAGE));
        }
        importedFaithfully(export, "cli_xz");
    }

    @Test
    void anLzmaExport() throws Exception {
        Path export = exports.resolve("enwiki_Anarchism_first" + ANARCHISM_REVISIONS + "revs.xml.lzma");
        // LZMA-alone with its size unknown in the header and an end marker, as the WikiWho file is packed
        try (OutputStream out = new LZMAOutputStream(Files.newOutputStream(export), new LZMA2Options(), -1)) {
            out.write(prefix(WIKI.resolve("enwiki_Anarchism_history_2001-2010.xml.lzma"), "</revision>",
                    ANARCHISM_REVISIONS, END_OF_PAGE));
        }
        importedFaithfully(export, "cli_lzma");
    }

    /**
     * The export's XML up to the end of its {@code count}th {@code end} tag, then {@code closing}: the way data/wiki's
     * Anarchism slice was cut from the whole history. Streams, so only that prefix is decompressed.
     */
    private static byte[] prefix(Path export, String end, int count, String closing) throws Exception {
        StringBuilder xml = new StringBuilder();
        try (InputStream in = Exports.open(export);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 16];
            int found = 0;
            int searchFrom = 0;
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                xml.append(buffer, 0, n);
                for (int at; (at = xml.indexOf(end, searchFrom)) >= 0; ) {
                    searchFrom = at + end.length();
                    if (++found == count) {
                        xml.setLength(searchFrom);
                        xml.append(closing);
                        return xml.toString().getBytes(StandardCharsets.UTF_8);
                    }
                }
                // a tag split between two reads is found on the next one
                searchFrom = Math.max(searchFrom, xml.length() - end.length());
            }
        }
        throw new IllegalStateException(export + " has fewer than " + count + " " + end);
    }

    /**
     * Imports the export with {@code ./palimpsest import FILE --database DATABASE}, then reads every revision back
     * through the query API.
     */
    private static void importedFaithfully(Path export, String database) throws Exception {
        Map<String, List<ExpectedRevision>> pages = Exports.revisionsByArticle(export, database);
        long all = pages.values().stream().mapToLong(List::size).sum();

        Run imported = cli.run("import", export.toString(), "--database", database);
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(Pattern.compile("import [0-9a-f-]{36}: " + pages.size() + " pages, " + all + " revisions of "
                + database + "; publishing").matcher(imported.out()).find(), imported.out());
        assertTrue(Pattern.compile("import [0-9a-f-]{36} completed: " + all + " published, 0 rejected")
                .matcher(imported.out()).find(), imported.out());

        for (var page : pages.entrySet()) {
            String key = page.getKey();
            List<ExpectedRevision> revisions = page.getValue();
            StackClient.promptly(PATIENCE).until(() -> client.revisionCount(key), count -> count == revisions.size());
            Map<Long, RevisionSummary> byRevId = new HashMap<>();
            client.history(key).forEach(summary -> byRevId.put(summary.getRevId(), summary));
            assertEquals(revisions.size(), byRevId.size(), key);
            for (ExpectedRevision revision : revisions) {
                RevisionSummary stored = byRevId.get(revision.revId());
                String where = key + " revision " + revision.revId();
                // the text's bytes as the query API answers them (410 when hidden at the source)
                assertEquals(revision.textSha1() == null ? "410" : revision.textSha1(),
                        client.revisionTextSha1(key, stored.getRevSeq()), where);
                if (revision.textSha1() != null) {
                    assertEquals(revision.textSha1(), stored.getRevSha1(), where + ": the sha1 the archive records");
                }
                if (revision.dumpSha1() != null && revision.textSha1() != null) {
                    assertEquals(revision.dumpSha1(), Sha1Base36.fromHex(revision.textSha1()),
                            where + ": the export's own <sha1>");
                }
            }
        }
    }
}
