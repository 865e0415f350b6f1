package dev.palimpsest.query.article;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.revision.RevisionParameters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the next page of the article listing starts: just after the article ({@code title}, {@code articleKey}) in
 * {@code order}, among titles with {@code prefix} ({@code ""} for all). Keyset paging over the index
 * {@code article_by_title}. Opaque to clients: unpadded base64url of {@code a1|<order>|<prefix>|<title>|<key>},
 * where the three strings are each base64url too, since titles and keys may hold any character; for a listing as
 * known at a transaction time, {@code a2|…|<key>|<knownAt>}.
 * <p>
 * A cursor continues only the listing it came from: another order, prefix or knownAt is refused
 * ({@code invalid-cursor}).
 *
 * @param title   the listed title, {@code ""} for an article without one (they sort first)
 * @param knownAt the transaction time the listing is as known at, or null for now
 */
public record ArticleCursor(TitleOrder order, String prefix, String title, String articleKey, Instant knownAt) {

    private static final String VERSION = "a1";
    private static final String VERSION_KNOWN_AT = "a2";

    /** A cursor of the listing as it is now. */
    public ArticleCursor(TitleOrder order, String prefix, String title, String articleKey) {
        this(order, prefix, title, articleKey, null);
    }

    public String encode() {
        String plain = String.join("|", knownAt == null ? VERSION : VERSION_KNOWN_AT,
                order.name().toLowerCase(Locale.ROOT), field(prefix), field(title), field(articleKey))
                + (knownAt == null ? "" : "|" + knownAt);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ProblemException {@code invalid-cursor} for anything that is not such a token, or one issued for
     *                          another order or prefix, or as known at a transaction time
     */
    public static ArticleCursor decode(String token, TitleOrder expectedOrder, String expectedPrefix) {
        return decode(token, expectedOrder, expectedPrefix, null);
    }

    /** The same for a listing as known at {@code expectedKnownAt} (null: now). */
    public static ArticleCursor decode(String token, TitleOrder expectedOrder, String expectedPrefix,
                                       Instant expectedKnownAt) {
        String[] parts = text(token).split("\\|", -1);
        boolean current = parts.length == 5 && VERSION.equals(parts[0]);
        boolean past = parts.length == 6 && VERSION_KNOWN_AT.equals(parts[0]);
        if (!current && !past) {
            throw invalid("not a cursor issued by this service");
        }
        TitleOrder order;
        Instant knownAt;
        try {
            order = TitleOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
            knownAt = past ? Instant.parse(parts[5]) : null;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid("not a cursor issued by this service");
        }
        if (knownAt != null && !RevisionParameters.isComparable(knownAt)) {
            throw invalid("not a cursor issued by this service");
        }
        ArticleCursor cursor = new ArticleCursor(order, text(parts[2]), text(parts[3]), text(parts[4]), knownAt);
        if (cursor.articleKey.isEmpty()) {
            throw invalid("not a cursor issued by this service");
        }
        if (order != expectedOrder) {
            throw invalid("the cursor continues a listing in order=" + parts[1] + "; ask with that order");
        }
        if (!cursor.prefix.equals(expectedPrefix)) {
            throw invalid("the cursor continues a listing with another prefix; ask with the same prefix");
        }
        if (!Objects.equals(knownAt, expectedKnownAt)) {
            throw invalid("the cursor continues a listing " + (knownAt == null ? "without knownAt"
                    : "as known at knownAt=" + knownAt) + "; ask with the same knownAt");
        }
        return cursor;
    }

    private static String field(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String base64) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(base64);
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
