package dev.palimpsest.query.readmodel;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArrayLiteralsTest {

    @Test
    void quotesEveryElementAndEscapesQuotesAndBackslashes() {
        assertEquals("{\"a\",\"say \\\"hi\\\"\",NULL,\"back\\\\slash\",\"NULL\",\"{x, y}\"}",
                ArrayLiterals.of(new Object[]{"a", "say \"hi\"", null, "back\\slash", "NULL", "{x, y}"}));
    }

    @Test
    void writesNumbersBooleansAndUuidsAsTheirText() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertEquals("{\"1\",\"-9\",\"true\",\"0f8fad5b-d9cb-469f-a165-70867728950e\"}",
                ArrayLiterals.of(new Object[]{1, -9L, true, id}));
    }

    @Test
    void escapesInTextsOfAnyScript() {
        assertEquals("{\"\u5de5\\\"\u4eba\",\"{\\\"import_id\\\": null}\",\"\u00e9\"}",
                ArrayLiterals.of(new Object[]{"\u5de5\"\u4eba", "{\"import_id\": null}", "\u00e9"}));
    }

    @Test
    void anEmptyArrayIsBraces() {
        assertEquals("{}", ArrayLiterals.of(new Object[0]));
    }
}
