package dev.palimpsest.e2e.faults;

import dev.palimpsest.events.ContentHash;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A MediaWiki export (schema 0.11) of made-up articles, written for a fault scenario, with what each article must
 * end up holding: the sha1 of every revision's text, in order. Every text differs from every other (so the sha1s
 * identify revisions), a few KiB each (so publishing takes long enough to be interrupted), all from a fixed seed.
 */
record SyntheticHistory(Path file, String database, Map<String, List<String>> sha1sByKey) {

    private static final String[] WORDS = ("archive broker replica leader follower quorum partition offset "
            + "revision article history river valley bridge harbour lantern meadow orchard quarry summit "
            + "thunder violet window yellow zephyr amber basalt cedar delta ember fjord granite").split(" ");

    long revisions() {
        return sha1sByKey.values().stream().mapToLong(List::size).sum();
    }

    /**
     * @param pages     articles, each with {@code revisions / pages} revisions (the remainder to the first ones)
     * @param revisions revisions in all
     */
    static SyntheticHistory write(Path file, String database, int pages, int revisions, long seed)
            throws IOException {
        Random random = new Random(seed);
        Map<String, List<String>> sha1s = new LinkedHashMap<>();
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("""
                    <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
                      <siteinfo>
                        <sitename>Fault drill</sitename>
                        <dbname>%s</dbname>
                        <base>https://faults.example/wiki/Main_Page</base>
                        <generator>Palimpsest e2e faults</generator>
                        <case>first-letter</case>
                      </siteinfo>
                    """.formatted(database));
            for (int page = 0; page < pages; page++) {
                long pageId = 1000 + page;
                int count = revisions / pages + (page < revisions % pages ? 1 : 0);
                List<String> pageSha1s = new ArrayList<>();
                sha1s.put(database + ":" + pageId, pageSha1s);
                out.write("  <page>\n    <title>Drill " + page + "</title>\n    <ns>0</ns>\n    <id>" + pageId
                        + "</id>\n");
                StringBuilder body = new StringBuilder("= Drill " + page + " =\n");
                for (int r = 0; r < count; r++) {
                    long revId = pageId * 100_000 + r + 1;
                    // the text grows and changes a little each time, like an article's; the first line makes it unique
                    for (int w = 0; w < 40; w++) {
                        body.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? "\n" : " ");
                    }
                    if (body.length() > 6000) {
                        body.delete(20, 20 + body.length() - 4000);
                    }
                    String text = "Revision " + (r + 1) + " of drill " + page + ".\n" + body;
                    pageSha1s.add(ContentHash.sha1Hex(text));
                    Instant timestamp = start.plus((long) page * count + r, ChronoUnit.MINUTES);
                    out.write("    <revision>\n      <id>" + revId + "</id>\n");
                    if (r > 0) {
                        out.write("      <parentid>" + (revId - 1) + "</parentid>\n");
                    }
                    out.write("      <timestamp>" + timestamp + "</timestamp>\n"
                            + "      <contributor>\n        <username>Driller" + (r % 7) + "</username>\n"
                            + "        <id>" + (r % 7 + 1) + "</id>\n      </contributor>\n"
                            + "      <comment>edit " + (r + 1) + "</comment>\n"
                            + "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                            + "      <text xml:space=\"preserve\">" + escape(text) + "</text>\n"
                            + "    </revision>\n");
                }
                out.write("  </page>\n");
            }
            out.write("</mediawiki>\n");
        }
        return new SyntheticHistory(file, database, sha1s);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
