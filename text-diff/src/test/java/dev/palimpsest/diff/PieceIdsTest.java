package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.palimpsest.diff.RandomTries.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pieces of texts numbered in place: equal pieces (in either text) get equal numbers, different ones different. */
class PieceIdsTest {

    @Test
    void equalPiecesGetEqualNumbersAndOthersOthers() {
        check("piece ids", 300, random -> {
            String[] texts = new String[2];
            for (int t = 0; t < 2; t++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(3_000); i > 0; i--) {
                    text.append("ab\u00e9\uD83D\uDE00 \n".charAt(random.nextInt(7)));
                }
                texts[t] = text.toString();
            }
            PieceIds ids = new PieceIds();
            Map<String, Integer> expected = new HashMap<>();
            for (int k = 0; k < 2_000; k++) {
                String text = texts[random.nextInt(2)];
                int start = text.isEmpty() ? 0 : random.nextInt(text.length());
                int end = Math.min(text.length(), start + random.nextInt(6));
                int id = ids.id(text, start, end);
                assertEquals(expected.computeIfAbsent(text.substring(start, end), piece -> expected.size()), id);
            }
        });
    }
}
