package dev.palimpsest.problem.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notation of the hostile-input catalogues, so that a request with bytes no text block can hold (invalid
 * UTF-8, raw NUL, CR LF) or a part too large to write out is still one line of a table:
 * <ul>
 *     <li>{@code \xHH} is the byte {@code HH} (hex), whatever it means in UTF-8;</li>
 *     <li>{@code ${s*N}} is {@code s} repeated {@code N} times ({@code N} a number, or a name the caller gives a
 *     number, such as {@code BODY_LIMIT});</li>
 *     <li>everything else is UTF-8; an absent part is an empty one.</li>
 * </ul>
 */
public final class RequestNotation {

    private static final Pattern TOKEN = Pattern.compile("\\\\x([0-9A-Fa-f]{2})|\\$\\{([^*}]+)\\*([A-Z_0-9]+)}");

    private RequestNotation() {
    }

    /** A path or header in the notation, as text (its repetitions expanded). */
    public static String text(String notation) {
        return new String(bytes(notation, Map.of()), StandardCharsets.UTF_8);
    }

    /** The bytes the notation stands for; {@code named} gives the numbers of named repetitions. */
    public static byte[] bytes(String notation, Map<String, Long> named) {
        if (notation == null) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher token = TOKEN.matcher(notation);
        int plainFrom = 0;
        while (token.find()) {
            bytes.writeBytes(notation.substring(plainFrom, token.start()).getBytes(StandardCharsets.UTF_8));
            if (token.group(1) != null) {
                bytes.write(Integer.parseInt(token.group(1), 16));
            } else {
                long times = times(token.group(3), named);
                byte[] unit = token.group(2).getBytes(StandardCharsets.UTF_8);
                for (long i = 0; i < times; i++) {
                    bytes.writeBytes(unit);
                }
            }
            plainFrom = token.end();
        }
        bytes.writeBytes(notation.substring(plainFrom).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static long times(String count, Map<String, Long> named) {
        if (count.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(count);
        }
        Long times = named.get(count);
        if (times == null) {
            throw new IllegalArgumentException("no number named " + count);
        }
        return times;
    }
}
