package dev.palimpsest.bench;

import dev.palimpsest.provenance.ArticleProvenance;
import dev.palimpsest.provenance.Attribution;
import dev.palimpsest.provenance.WikitextTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How the provenance gold set was made (docs/provenance-gold-set.md): samples word tokens from revisions spread
 * over the real histories and writes, for each, the evidence a person reads to decide who wrote it: the token in
 * its context, the first revision whose text holds that context (at two widths), the stretches of revisions that
 * held it, and the algorithm's answer. Not a test: run it by hand with
 * {@code -Dpalimpsest.provenance.evidence=<output file>}; the judgments go into {@code provenance/gold-set.tsv}.
 */
@EnabledIfSystemProperty(named = "palimpsest.provenance.evidence", matches = ".+")
class GoldSetEvidence {

    /** The histories, and which revisions (by place in the dump, from 1) tokens are sampled from. */
    static final List<Sample> SAMPLES = List.of(
            new Sample("enwiki_Rio_Grande_history_2002-2007.xml", new int[] {60, 120, 180, 240}, 15),
            new Sample("enwiki_Anarchism_first2000revs.xml.xz", new int[] {500, 1000, 1500, 1950}, 12));
    /**
     * A second sample, drawn after the algorithm was last changed and never used to change it: its precision is
     * the figure that was not tuned for ({@code -Dpalimpsest.provenance.evidence.sample=held-out}).
     */
    static final List<Sample> HELD_OUT = List.of(
            new Sample("enwiki_Rio_Grande_history_2002-2007.xml", new int[] {30, 90, 150, 210}, 8),
            new Sample("enwiki_Anarchism_first2000revs.xml.xz", new int[] {250, 750, 1250, 1742}, 8));
    static final int WIDE = 4;
    static final int NARROW = 2;

    record Sample(String file, int[] revisions, int tokensEach) {
    }

    @Test
    void writeTheEvidence() throws Exception {
        Path out = Path.of(System.getProperty("palimpsest.provenance.evidence"));
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            boolean heldOut = "held-out".equals(System.getProperty("palimpsest.provenance.evidence.sample"));
            for (Sample sample : heldOut ? HELD_OUT : SAMPLES) {
                evidence(sample, writer);
            }
        }
    }

    static Path dump(String file) {
        return Path.of(System.getProperty("palimpsest.data", "../data"), "wiki", file);
    }

    private static void evidence(Sample sample, PrintWriter out) throws Exception {
        List<WikiHistory.Revision> revisions = new ArrayList<>();
        WikiHistory.read(dump(sample.file()), revisions::add);
        ArticleProvenance provenance = new ArticleProvenance();
        List<Attribution> attributions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (WikiHistory.Revision revision : revisions) {
            String text = revision.text() == null ? "" : revision.text();
            texts.add(normalized(text));
            attributions.add(provenance.attribute(revision.revisionId(), text));
        }
        Random random = new Random(sample.file().hashCode() + java.util.Arrays.hashCode(sample.revisions()));
        for (int place : sample.revisions()) {
            int at = place - 1;
            String text = revisions.get(at).text();
            int[] spans = WikitextTokens.spans(text);
            int chosen = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int attempt = 0; chosen < sample.tokensEach() && attempt < 1000 && spans.length > 0; attempt++) {
                int token = random.nextInt(spans.length / 2);
                if (!seen.add(token)) {
                    continue;
                }
                String value = text.substring(spans[2 * token], spans[2 * token + 1]);
                if (!Character.isLetterOrDigit(value.codePointAt(0))) {
                    continue;
                }
                chosen++;
                long answer = provenance.originOf(attributions.get(at).tokens()[token]);
                String wide = window(text, spans, token, WIDE);
                String narrow = window(text, spans, token, NARROW);
                out.printf(Locale.ROOT, "%s\trev %d (#%d)\ttoken %d\t%s%n", sample.file(),
                        revisions.get(at).revisionId(), place, token, value);
                out.printf(Locale.ROOT, "  context  [%s]%n", wide);
                out.printf(Locale.ROOT, "  wide     first %s; held in %s%n", first(texts, revisions, wide, at),
                        stretches(texts, revisions, wide, at));
                out.printf(Locale.ROOT, "  narrow   first %s; held in %s%n", first(texts, revisions, narrow, at),
                        stretches(texts, revisions, narrow, at));
                out.printf(Locale.ROOT, "  answer   rev %d (#%d) by %s%n", answer, placeOf(revisions, answer),
                        contributorOf(revisions, answer));
                // where the two disagree, what the text held around the token before and at each of them
                String tight = window(text, spans, token, 1);
                int answerPlace = placeOf(revisions, answer) - 1;
                int contextPlace = firstPlace(texts, narrow, at);
                if (answerPlace != contextPlace) {
                    for (int place2 : new int[] {answerPlace - 1, answerPlace, contextPlace - 1, contextPlace}) {
                        if (place2 >= 0 && place2 <= at) {
                            out.printf(Locale.ROOT, "    #%d: %s%n", place2 + 1, snippets(texts.get(place2), tight,
                                    value));
                        }
                    }
                }
            }
        }
    }

    /** The token with {@code width} tokens either side, as the text has them, whitespace made single spaces. */
    static String window(String text, int[] spans, int token, int width) {
        int from = Math.max(0, token - width);
        int to = Math.min(spans.length / 2 - 1, token + width);
        return normalized(text.substring(spans[2 * from], spans[2 * to + 1]));
    }

    static String normalized(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String first(List<String> texts, List<WikiHistory.Revision> revisions, String window, int upTo) {
        for (int i = 0; i <= upTo; i++) {
            if (texts.get(i).contains(window)) {
                return "rev " + revisions.get(i).revisionId() + " (#" + (i + 1) + ") by "
                        + revisions.get(i).contributor();
            }
        }
        return "nowhere";
    }

    private static String stretches(List<String> texts, List<WikiHistory.Revision> revisions, String window,
                                    int upTo) {
        StringBuilder out = new StringBuilder();
        int start = -1;
        for (int i = 0; i <= upTo + 1; i++) {
            boolean held = i <= upTo && texts.get(i).contains(window);
            if (held && start < 0) {
                start = i;
            } else if (!held && start >= 0) {
                out.append(out.length() == 0 ? "" : ", ").append('#').append(start + 1).append("-#").append(i);
                start = -1;
            }
        }
        return out.toString();
    }

    private static int firstPlace(List<String> texts, String window, int upTo) {
        for (int i = 0; i <= upTo; i++) {
            if (texts.get(i).contains(window)) {
                return i;
            }
        }
        return -1;
    }

    /** Up to three places of {@code tight} in {@code text} (else of the token alone), 60 characters either side. */
    private static String snippets(String text, String tight, String value) {
        String find = text.contains(tight) ? tight : value;
        StringBuilder out = new StringBuilder(find == tight ? "" : "(token alone) ");
        int from = 0;
        for (int n = 0; n < 3; n++) {
            int found = text.indexOf(find, from);
            if (found < 0) {
                break;
            }
            out.append(n == 0 ? "" : " | ").append('…').append(text, Math.max(0, found - 60),
                    Math.min(text.length(), found + find.length() + 60)).append('…');
            from = found + find.length();
        }
        return out.length() == 0 ? "(absent)" : out.toString();
    }

    private static int placeOf(List<WikiHistory.Revision> revisions, long revisionId) {
        for (int i = 0; i < revisions.size(); i++) {
            if (revisions.get(i).revisionId() == revisionId) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String contributorOf(List<WikiHistory.Revision> revisions, long revisionId) {
        int place = placeOf(revisions, revisionId);
        return place < 0 ? "?" : revisions.get(place - 1).contributor();
    }
}
