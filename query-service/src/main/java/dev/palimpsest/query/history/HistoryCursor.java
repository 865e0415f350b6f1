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
 * {@code revSeq}) in {@code order} (history's order: edit time, then source revision id, then sequence number),
 * within the edit times of {@code range}. Keyset paging, so a page costs the same however deep it is and stays
 * stable while revisions arrive. Clients see it as an opaque token: unpadded base64url of
 * {@code v3|<order>|<from>|<to>|<instant>|<tie break>|<seq>} (an open end of the range is empty).
 * <p>
 * A cursor continues exactly the listing it came from: it names its order and range so that a request with another
 * order or other {@code from}/{@code to} is refused ({@code invalid-cursor}) rather than silently answered with a
 * page that skips or repeats revisions.
 */
public record HistoryCursor(HistoryOrder order, EditTimeRange range, Instant revTimestamp, long tieBreak,
                            int revSeq) {

    private static final String VERSION = "v3";

    public String encode() {
        String plain = String.join("|", VERSION, order.name().toLowerCase(Locale.ROOT),
                bound(range.from()), bound(range.to()),
                revTimestamp.toString(), Long.toString(tieBreak), Integer.toString(revSeq));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String bound(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /**
     * @param token         what a previous page returned as {@code next}
     * @param expectedOrder the order of the page being asked for
     * @param expectedRange the edit-time range of the page being asked for
     * @throws ProblemException {@code invalid-cursor} for anything that is not such a token, or one issued for
     *                          another order or range
     */
    public static HistoryCursor decode(String token, HistoryOrder expectedOrder, EditTimeRange expectedRange) {
        String[] parts = plainText(token).split("\\|", -1);
        if (parts.length != 7 || !VERSION.equals(parts[0])) {
            throw invalid("not a cursor issued by this service");
        }
        HistoryOrder order;
        EditTimeRange range;
        Instant revTimestamp;
        long tieBreak;
        int revSeq;
        try {
            order = HistoryOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
            range = new EditTimeRange(instantOrNull(parts[2]), instantOrNull(parts[3]));
            revTimestamp = Instant.parse(parts[4]);
            tieBreak = Long.parseLong(parts[5]);
            revSeq = Integer.parseInt(parts[6]);
        } catch (IllegalArgumentException | DateTimeParseException | ProblemException e) {
            throw invalid("not a cursor issued by this service");
        }
        if (revSeq < 1 || !dev.palimpsest.query.revision.RevisionParameters.isComparable(revTimestamp)) {
            throw invalid("not a cursor issued by this service");
        }
        if (order != expectedOrder) {
            throw invalid("the cursor continues a listing in order=" + parts[1] + "; ask with that order");
        }
        if (!range.equals(expectedRange)) {
            throw invalid("the cursor continues a listing with " + describe(range) + "; ask with the same from and to");
        }
        return new HistoryCursor(order, range, revTimestamp, tieBreak, revSeq);
    }

    private static Instant instantOrNull(String raw) {
        return raw.isEmpty() ? null : Instant.parse(raw);
    }

    private static String describe(EditTimeRange range) {
        return range.isAll() ? "no from or to"
                : "from=" + bound(range.from()) + " and to=" + bound(range.to());
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
