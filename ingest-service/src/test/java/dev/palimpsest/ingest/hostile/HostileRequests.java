package dev.palimpsest.ingest.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notation of the hostile-input catalogues' bodies, so that a case with bytes no text block can hold (invalid
 * UTF-8, raw NUL) or a body too large to write out is still one line of the table:
 * <ul>
 *     <li>{@code \xHH} is the byte {@code HH} (hex), whatever it means in UTF-8;</li>
 *     <li>{@code ${s*N}} is {@code s} repeated {@code N} times ({@code N} may be {@code BODY_LIMIT}, the
 *     configured body limit in bytes);</li>
 *     <li>everything else is UTF-8; an absent body is an empty one.</li>
 * </ul>
 */
final class HostileRequests {

    private static final Pattern TOKEN = Pattern.compile("\\\\x([0-9A-Fa-f]{2})|\\$\\{([^*}]+)\\*([A-Z_0-9]+)}");

    private HostileRequests() {
    }

    /** A path or header in the notation, as text (its repetitions expanded). */
    static String text(String notation) {
        return new String(body(notation, 0), StandardCharsets.UTF_8);
    }

    static byte[] body(String notation, long bodyLimit) {
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
                long times = "BODY_LIMIT".equals(token.group(3)) ? bodyLimit : Long.parseLong(token.group(3));
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
}
