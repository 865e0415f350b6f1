package dev.palimpsest.provenance;

import java.util.ArrayList;
import java.util.List;

/** A constructed history for tests: revisions by named authors, and who wrote each token of each, as attributed. */
final class ArticleHistory {

    private final ArticleProvenance provenance = new ArticleProvenance();
    private final List<String> authors = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Attribution> attributions = new ArrayList<>();

    /** Attributes the next revision; its number (from 0) is its name. */
    Attribution edit(String author, String text) {
        authors.add(author);
        texts.add(text);
        Attribution attribution = provenance.attribute(attributions.size(), text);
        attributions.add(attribution);
        return attribution;
    }

    /** Each token of revision {@code revision} as "value/author". */
    List<String> blame(int revision) {
        String text = texts.get(revision);
        int[] spans = WikitextTokens.spans(text);
        int[] numbers = attributions.get(revision).tokens();
        if (numbers.length * 2 != spans.length) {
            throw new AssertionError(numbers.length + " numbers for " + spans.length / 2 + " tokens");
        }
        List<String> blame = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            String author = authors.get((int) provenance.originOf(numbers[i]));
            blame.add(text.substring(spans[2 * i], spans[2 * i + 1]) + "/" + author);
        }
        return blame;
    }

    /** The author of the {@code nth} occurrence (from 0) of {@code token} in revision {@code revision}. */
    String authorOf(int revision, String token, int nth) {
        int seen = 0;
        for (String entry : blame(revision)) {
            int slash = entry.lastIndexOf('/');
            if (entry.substring(0, slash).equals(token) && seen++ == nth) {
                return entry.substring(slash + 1);
            }
        }
        throw new AssertionError("no " + token + " #" + nth + " in revision " + revision);
    }

    /** The authors of revision {@code revision}'s tokens within {@code snippet} (which must occur in its text). */
    List<String> authorsOf(int revision, String snippet) {
        String text = texts.get(revision);
        int start = text.indexOf(snippet);
        if (start < 0) {
            throw new AssertionError("'" + snippet + "' is not in revision " + revision);
        }
        int end = start + snippet.length();
        int[] spans = WikitextTokens.spans(text);
        List<String> blame = blame(revision);
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < spans.length / 2; i++) {
            if (spans[2 * i] >= start && spans[2 * i + 1] <= end) {
                String entry = blame.get(i);
                authors.add(entry.substring(entry.lastIndexOf('/') + 1));
            }
        }
        return authors;
    }

    Attribution attribution(int revision) {
        return attributions.get(revision);
    }
}
