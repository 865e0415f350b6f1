package dev.palimpsest.query.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text is cut into the units a diff compares. The tokens of a text, concatenated, are the text exactly, so
 * a diff of tokens can be applied to rebuild the other text byte for byte.
 */
public enum Tokens {
    /** Lines, each with its line terminator (the last one may have none). */
    LINE,
    /** Unicode code points (a surrogate pair is one token). */
    CHAR;

    public List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        if (this == CHAR) {
            text.codePoints().forEach(codePoint -> tokens.add(new String(Character.toChars(codePoint))));
            return tokens;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                tokens.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }
}
