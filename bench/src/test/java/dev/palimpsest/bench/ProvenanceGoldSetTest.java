package dev.palimpsest.bench;

import dev.palimpsest.provenance.ArticleProvenance;
import dev.palimpsest.provenance.Attribution;
import dev.palimpsest.provenance.WikitextTokens;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provenance against the hand-checked gold set (docs/provenance-gold-set.md): 108 word tokens of revisions of the
 * Rio Grande and Anarchism histories, each with the revision that first wrote it as a person found it in the history.
 * Attributes both histories with the library and counts the answers that name that revision: the precision, which
 * must stay at least {@link #REQUIRED_PRECISION}. Each token's text is checked too, so a change to the tokenizer shows
 * here as a changed gold set, not as a silently different question.
 */
class ProvenanceGoldSetTest {

    /** WikiWho reports about 95 % on its own gold standard (Flöck and Acosta, WWW 2014). */
    static final double REQUIRED_PRECISION = 0.95;

    record Entry(String dump, long revision, int place, int token, String value, String context, long origin,
                 String checked) {
    }

    @Test
    void precisionOnTheGoldSet() throws Exception {
        Map<String, List<Entry>> byDump = new LinkedHashMap<>();
        for (Entry entry : goldSet()) {
            byDump.computeIfAbsent(entry.dump(), d -> new ArrayList<>()).add(entry);
        }
        int right = 0;
        int total = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> dump : byDump.entrySet()) {
            List<WikiHistory.Revision> revisions = new ArrayList<>();
            WikiHistory.read(GoldSetEvidence.dump(dump.getKey()), revisions::add);
            ArticleProvenance provenance = new ArticleProvenance();
            List<Attribution> attributions = new ArrayList<>();
            for (WikiHistory.Revision revision : revisions) {
                attributions.add(provenance.attribute(revision.revisionId(),
                        revision.text() == null ? "" : revision.text()));
            }
            for (Entry entry : dump.getValue()) {
                WikiHistory.Revision revision = revisions.get(entry.place() - 1);
                assertEquals(entry.revision(), revision.revisionId(), "revision #" + entry.place());
                int[] spans = WikitextTokens.spans(revision.text());
                assertEquals(entry.value(), revision.text().substring(spans[2 * entry.token()],
                        spans[2 * entry.token() + 1]), "token " + entry.token() + " of #" + entry.place());
                long answer = provenance.originOf(attributions.get(entry.place() - 1).tokens()[entry.token()]);
                total++;
                if (answer == entry.origin()) {
                    right++;
                } else {
                    wrong.add(String.format(Locale.ROOT, "%s #%d token %d '%s' [%s]: answered %d, written in %d (%s)",
                            entry.dump(), entry.place(), entry.token(), entry.value(), entry.context(), answer,
                            entry.origin(), entry.checked()));
                }
            }
        }
        double precision = (double) right / total;
        System.out.printf(Locale.ROOT, "provenance gold set: %d of %d tokens attributed to the revision that wrote"
                + " them, precision %.1f %%%n", right, total, 100 * precision);
        wrong.forEach(line -> System.out.println("  not: " + line));
        assertTrue(total >= 100, "the gold set has " + total + " tokens");
        assertTrue(precision >= REQUIRED_PRECISION, String.format(Locale.ROOT, "precision %.3f: %s", precision,
                wrong));
    }

    static List<Entry> goldSet() throws Exception {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ProvenanceGoldSetTest.class.getResourceAsStream("/provenance/gold-set.tsv"), StandardCharsets.UTF_8))) {
            reader.readLine(); // the header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split("\t", -1);
                entries.add(new Entry(cells[0], Long.parseLong(cells[1]), Integer.parseInt(cells[2]),
                        Integer.parseInt(cells[3]), cells[4], cells[5], Long.parseLong(cells[6]), cells[7]));
            }
        }
        return entries;
    }
}
