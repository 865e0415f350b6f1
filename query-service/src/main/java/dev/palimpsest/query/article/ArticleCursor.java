package dev.palimpsest.query.article;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Where the next page of the article listing starts: just after the article ({@code title}, {@code articleKey}) in
 * {@code order}, among titles with {@code prefix} ({@code ""} for all). Keyset paging over the index
 * {@code article_by_title}. Opaque to clients: unpadded base64url of {@code a1|<order>|<prefix>|<title>|<key>},
 * where the three strings are each base64url too, since titles and keys may hold any character.
 * <p>
 * A cursor continues only the listing it came from: another order or prefix is refused ({@code invalid-cursor}).
 *
 * @param title the listed title, {@code ""} for an article without one (they sort first)
 */
public record ArticleCursor(TitleOrder order, String prefix, String title, String articleKey) {

    private static final String VERSION = "a1";

    public String encode() {
        String plain = String.join("|", VERSION, order.name().toLowerCase(Locale.ROOT),
                field(prefix), field(title), field(articleKey));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ProblemException {@code invalid-cursor} for anything that is not such a token, or one issued for
     *                          another order or prefix
     */
    public static ArticleCursor decode(String token, TitleOrder expectedOrder, String expectedPrefix) {
        String[] parts = text(token).split("\\|", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw invalid("not a cursor issued by this service");
        }
        TitleOrder order;
        try {
            order = TitleOrder.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("not a cursor issued by this service");
        }
        ArticleCursor cursor = new ArticleCursor(order, text(parts[2]), text(parts[3]), text(parts[4]));
        if (cursor.articleKey.isEmpty()) {
            throw invalid("not a cursor issued by this service");
        }
        if (order != expectedOrder) {
            throw invalid("the cursor continues a listing in order=" + parts[1] + "; ask with that order");
        }
        if (!cursor.prefix.equals(expectedPrefix)) {
            throw invalid("the cursor continues a listing with another prefix; ask with the same prefix");
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
