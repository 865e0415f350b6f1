package dev.palimpsest.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The words of synthetic wikitext: mostly pronounceable pseudo-words, with some real words in other scripts
 * (accented Latin, Greek, Cyrillic, Chinese, Korean, one character outside the Basic Multilingual Plane) and a
 * little markup (links, bold, references, templates), so texts exercise UTF-8, surrogate pairs and XML escaping.
 */
final class WordSource {

    private static final String[] SYLLABLES = {
            "ka", "ri", "to", "men", "sa", "lo", "ver", "an", "del", "po", "tis", "ur", "gen", "ba", "qui", "nor",
            "el", "stra", "ho", "fi", "mar", "ten", "cu", "li", "os", "pra", "dun", "ve", "ex", "mo", "ral", "sin"};
    private static final String[] OTHER_SCRIPTS = {
            "café", "naïve", "Zürich", "São", "Ærø", "Straße", "Łódź", "Ελλάδα", "Москва", "北京", "中文", "维基百科",
            "历史", "档案", "版本", "东京", "한국어", "Škoda", "Reykjavík", "𠀋"};

    private final SplittableRandom random;

    WordSource(SplittableRandom random) {
        this.random = random;
    }

    /** One word of running text, now and then in another script or wrapped in markup. */
    String word() {
        int roll = random.nextInt(1000);
        if (roll < 70) {
            return OTHER_SCRIPTS[random.nextInt(OTHER_SCRIPTS.length)];
        }
        if (roll < 100) {
            return "[[" + capitalized(plainWord()) + "|" + plainWord() + "]]";
        }
        if (roll < 110) {
            return "'''" + plainWord() + "'''";
        }
        if (roll < 116) {
            // '<', '&' and quotes: XML has to escape them and give them back unchanged
            return "<ref name=\"r" + random.nextInt(100) + "\">" + capitalized(plainWord()) + " & "
                    + capitalized(plainWord()) + ", p. " + (1 + random.nextInt(400)) + "</ref>";
        }
        if (roll < 120) {
            return "{{cite web|url=https://example.org/" + plainWord() + "?id=" + random.nextInt(10_000)
                    + "&lang=en|title=" + capitalized(plainWord()) + "}}";
        }
        return plainWord();
    }

    String plainWord() {
        int syllables = 1 + random.nextInt(4);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return word.toString();
    }

    /** A sentence of {@code words} words: capitalized, ending with a full stop. */
    String sentence(int words) {
        StringBuilder sentence = new StringBuilder(capitalized(plainWord()));
        for (int i = 1; i < words; i++) {
            sentence.append(' ').append(word());
        }
        return sentence.append('.').toString();
    }

    /** A paragraph of a few sentences, on one line as wikitext writes it. */
    String paragraph(int approximateBytes) {
        StringBuilder paragraph = new StringBuilder();
        while (paragraph.length() < approximateBytes) {
            if (paragraph.length() > 0) {
                paragraph.append(' ');
            }
            paragraph.append(sentence(6 + random.nextInt(14)));
        }
        return paragraph.toString();
    }

    String heading() {
        return "== " + capitalized(plainWord()) + " " + plainWord() + " ==";
    }

    static String capitalized(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
