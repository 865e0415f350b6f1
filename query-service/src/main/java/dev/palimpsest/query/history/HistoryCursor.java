package dev.palimpsest.query.history;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Where the next history page starts: just after the revision at ({@code revTimestamp}, {@code tieBreak},
 * {@code revSeq}) in {@code order} (history's order: edit time, then source revision id, then sequence number).
 * Keyset paging, so a page costs the same however deep it is and stays stable while revisions arrive. Clients see
 * it as an opaque token: unpadded base64url of {@code v2|<order>|<instant>|<tie break>|<seq>}.
 */
public record HistoryCursor(HistoryOrder order, Instant revTimestamp, long tieBreak, int revSeq) {

    private static final String VERSION = "v2";

    public String encode() {
        String plain = String.join("|", VERSION, order.name().toLowerCase(Locale.ROOT),
                revTimestamp.toString(), Long.toString(tieBreak), Integer.toString(revSeq));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param token    what a previous page returned as {@code next}
     * @param expected the order of the page being asked for: a cursor only continues the walk it came from
     * @throws ProblemException {@code invalid-cursor} for anything that is not such a token
     */
    public static HistoryCursor decode(String token, HistoryOrder expected) {
        String[] parts = plainText(token).split("\\|", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw invalid("not a cursor issued by this service");
        }
        HistoryOrder order;
        Instant revTimestamp;
        long tieBreak;
        int revSeq;
        try {
            order = HistoryOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
            revTimestamp = Instant.parse(parts[2]);
            tieBreak = Long.parseLong(parts[3]);
            revSeq = Integer.parseInt(parts[4]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid("not a cursor issued by this service");
        }
        if (revSeq < 1) {
            throw invalid("not a cursor issued by this service");
        }
        if (order != expected) {
            throw invalid("the cursor continues a listing in order=" + parts[1] + "; ask with that order");
        }
        return new HistoryCursor(order, revTimestamp, tieBreak, revSeq);
    }

    private static String plainText(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid("not a cursor issued by this service");
        }
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(QueryProblem.INVALID_CURSOR, "cursor: " + why
                + "; use the 'next' value of a previous page, or omit it to start from the beginning");
    }
}
