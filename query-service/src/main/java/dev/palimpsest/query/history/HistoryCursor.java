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
import java.util.Objects;

/**
 * Where the next history page starts: just after the revision at ({@code revTimestamp}, {@code tieBreak},
 * {@code revSeq}) in {@code order} (history's order: edit time, then source revision id, then sequence number),
 * within the edit times of {@code range}. Keyset paging, so a page costs the same however deep it is and stays
 * stable while revisions arrive. Clients see it as an opaque token: unpadded base64url of
 * {@code v3|<order>|<from>|<to>|<instant>|<tie break>|<seq>} (an open end of the range is empty), or, for a
 * listing as known at a transaction time, {@code v4|…|<seq>|<knownAt>}.
 * <p>
 * A cursor continues exactly the listing it came from: it names its order, range and knownAt so that a request with
 * another order, other {@code from}/{@code to} or another {@code knownAt} is refused ({@code invalid-cursor}) rather
 * than silently answered with a page that skips or repeats revisions.
 *
 * @param knownAt the transaction time the listing is as known at, or null for now
 */
public record HistoryCursor(HistoryOrder order, EditTimeRange range, Instant revTimestamp, long tieBreak,
                            int revSeq, Instant knownAt) {

    private static final String VERSION = "v3";
    private static final String VERSION_KNOWN_AT = "v4";

    /** A cursor of a listing as it is now. */
    public HistoryCursor(HistoryOrder order, EditTimeRange range, Instant revTimestamp, long tieBreak, int revSeq) {
        this(order, range, revTimestamp, tieBreak, revSeq, null);
    }

    public String encode() {
        String plain = String.join("|", knownAt == null ? VERSION : VERSION_KNOWN_AT,
                order.name().toLowerCase(Locale.ROOT), bound(range.from()), bound(range.to()),
                revTimestamp.toString(), Long.toString(tieBreak), Integer.toString(revSeq))
                + (knownAt == null ? "" : "|" + knownAt);
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
     *                          another order or range, or as known at a transaction time
     */
    public static HistoryCursor decode(String token, HistoryOrder expectedOrder, EditTimeRange expectedRange) {
        return decode(token, expectedOrder, expectedRange, null);
    }

    /**
     * The same for a listing as known at {@code expectedKnownAt} (null: now): a cursor of another knownAt, or of
     * none, is refused.
     */
    public static HistoryCursor decode(String token, HistoryOrder expectedOrder, EditTimeRange expectedRange,
                                       Instant expectedKnownAt) {
        String[] parts = plainText(token).split("\\|", -1);
        boolean current = parts.length == 7 && VERSION.equals(parts[0]);
        boolean past = parts.length == 8 && VERSION_KNOWN_AT.equals(parts[0]);
        if (!current && !past) {
            throw invalid("not a cursor issued by this service");
        }
        HistoryOrder order;
        EditTimeRange range;
        Instant revTimestamp;
        long tieBreak;
        int revSeq;
        Instant knownAt;
        try {
            order = HistoryOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
            range = new EditTimeRange(instantOrNull(parts[2]), instantOrNull(parts[3]));
            revTimestamp = Instant.parse(parts[4]);
            tieBreak = Long.parseLong(parts[5]);
            revSeq = Integer.parseInt(parts[6]);
            knownAt = past ? Instant.parse(parts[7]) : null;
        } catch (IllegalArgumentException | DateTimeParseException | ProblemException e) {
            throw invalid("not a cursor issued by this service");
        }
        if (revSeq < 1 || !dev.palimpsest.query.revision.RevisionParameters.isComparable(revTimestamp)
                || (knownAt != null && !dev.palimpsest.query.revision.RevisionParameters.isComparable(knownAt))) {
            throw invalid("not a cursor issued by this service");
        }
        if (order != expectedOrder) {
            throw invalid("the cursor continues a listing in order=" + parts[1] + "; ask with that order");
        }
        if (!range.equals(expectedRange)) {
            throw invalid("the cursor continues a listing with " + describe(range) + "; ask with the same from and to");
        }
        if (!Objects.equals(knownAt, expectedKnownAt)) {
            throw invalid("the cursor continues a listing " + (knownAt == null ? "without knownAt"
                    : "as known at knownAt=" + knownAt) + "; ask with the same knownAt");
        }
        return new HistoryCursor(order, range, revTimestamp, tieBreak, revSeq, knownAt);
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
