package dev.palimpsest.ingest.revision;

import dev.palimpsest.events.ArticleKey;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one rulebook a revision must meet before it enters the log, whichever door it came through (a single
 * submission or a revision of an import): same limits, same words. Anything refused here is never published, so
 * the archive never has to store what it cannot answer byte for byte (PostgreSQL text cannot hold NUL; a lone UTF-16
 * surrogate has no UTF-8 form).
 *
 * <p>A single submission answers its violations as a problem (every field rule at once as {@code invalid-revision},
 * else the first timestamp rule as {@code invalid-timestamp}); an import lists them as the reason a revision was
 * rejected, and goes on with the others.
 */
public final class RevisionRules {

    /** MediaWiki's limits: titles of 255 bytes, user names of 255 bytes, comments of 1000 characters. */
    static final int MAX_TITLE_BYTES = 255;
    static final int MAX_AUTHOR_BYTES = 255;
    static final int MAX_COMMENT_CHARS = 1000;

    /** PostgreSQL's timestamps reach back to 4713 BC; edits of the archive's articles do not predate the year 1. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** One broken rule: the problem type it is answered with and the words that say which. */
    public record Violation(IngestProblem kind, String detail) {
    }

    private final Clock clock;
    private final Duration maxClockSkew;
    private final long maxRevisionBytes;

    /**
     * @param maxClockSkew     how far in the future of our clock an edit may be dated (client clock skew)
     * @param maxRevisionBytes the largest revision: its text and its other slots, in UTF-8 bytes
     */
    public RevisionRules(Clock clock, Duration maxClockSkew, long maxRevisionBytes) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
        this.maxRevisionBytes = maxRevisionBytes;
    }

    Instant now() {
        return clock.instant();
    }

    /** @throws ProblemException {@code invalid-article-key} when {@code articleKey} is not an {@link ArticleKey} */
    public static ArticleKey requireValidArticleKey(String articleKey) {
        if (!ArticleKey.isValid(articleKey)) {
            throw new ProblemException(IngestProblem.INVALID_ARTICLE_KEY, ArticleKey.RULE);
        }
        return new ArticleKey(articleKey);
    }

    /** A client's own idempotency key: printable, at most 255 characters. */
    public static void requireValidIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > 255 || key.chars().anyMatch(Character::isISOControl))) {
            throw new ProblemException(IngestProblem.INVALID_REVISION,
                    "Idempotency-Key header: 1-255 printable characters");
        }
    }

    /** A client's timestamp as an instant; null when it is not one (see {@link #unreadableTimestamp}). */
    static Instant parseTimestamp(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Violation unreadableTimestamp(String value) {
        return new Violation(IngestProblem.INVALID_TIMESTAMP,
                "timestamp: '" + abbreviate(value) + "' is not an ISO-8601 instant such as 2019-01-01T00:00:00Z");
    }

    /**
     * Every rule {@code draft} breaks, field rules ({@code invalid-revision}) first, then timestamp rules
     * ({@code invalid-timestamp}); empty when it may enter the log. A draft without a timestamp is not checked
     * for one (an undated submission is dated on receipt; an unreadable one is the caller's to report).
     */
    public List<Violation> check(RevisionDraft draft) {
        List<String> fields = new ArrayList<>();
        checkTitle(draft.title(), fields);
        checkText(draft, fields);
        checkOptional("author", draft.author(), fields);
        if (draft.author() != null && ContentHash.utf8Length(draft.author()) > MAX_AUTHOR_BYTES) {
            fields.add("author: at most " + MAX_AUTHOR_BYTES + " bytes of UTF-8");
        }
        checkOptional("comment", draft.comment(), fields);
        if (draft.comment() != null && draft.comment().codePointCount(0, draft.comment().length())
                > MAX_COMMENT_CHARS) {
            fields.add("comment: at most " + MAX_COMMENT_CHARS + " characters");
        }
        if (draft.revId() != null && draft.revId() <= 0) {
            fields.add("sourceRevisionId: must be a positive integer");
        }
        checkSize(draft, fields);
        List<Violation> violations = new ArrayList<>();
        fields.forEach(detail -> violations.add(new Violation(IngestProblem.INVALID_REVISION, detail)));
        if (draft.timestamp() != null) {
            checkTimestamp(draft.timestamp(), violations);
        }
        return violations;
    }

    /**
     * The rule only an import can break: its revision's text must be the one its source hashed ({@code <sha1>},
     * base 36, over every slot in schema 0.11). Null when it holds, or when a hidden slot leaves it unknowable.
     */
    public static Violation sourceHashMismatch(RevisionSubmitted event) {
        String expected = event.source() == null ? null : event.source().revSha1Base36();
        String actual = sha1Base36Of(event);
        if (expected == null || expected.isEmpty() || actual == null || expected.equals(actual)) {
            return null;
        }
        return new Violation(IngestProblem.INVALID_REVISION, (event.slots() == null ? "the text does not"
                : "the text and its other slots do not") + " match the dump's own sha1 " + expected);
    }

    private static String sha1Base36Of(RevisionSubmitted event) {
        List<ContentSlot> slots = ContentSlot.orNone(event.slots());
        if (event.mainText().text() == null || slots.stream().anyMatch(ContentSlot::textHidden)) {
            return null;
        }
        if (slots.isEmpty()) {
            return Sha1Base36.fromHex(event.mainText().sha1());
        }
        SortedMap<String, String> byRole = new TreeMap<>();
        byRole.put(ContentSlot.MAIN, event.mainText().sha1());
        slots.forEach(slot -> byRole.put(slot.role(), slot.sha1()));
        return Sha1Base36.ofSlots(byRole);
    }

    private void checkTimestamp(Instant timestamp, List<Violation> violations) {
        String problem = null;
        if (timestamp.isBefore(EARLIEST)) {
            problem = "timestamp: " + timestamp + " is before the year 1";
        } else if (timestamp.getNano() % 1000 != 0) {
            problem = "timestamp: " + timestamp + " is finer than microseconds, which is all the archive keeps";
        } else {
            Instant now = clock.instant();
            if (timestamp.isAfter(now.plus(maxClockSkew))) {
                problem = "timestamp: " + timestamp + " lies in the future (now is " + now + ")";
            }
        }
        if (problem != null) {
            violations.add(new Violation(IngestProblem.INVALID_TIMESTAMP, problem));
        }
    }

    private static void checkTitle(String title, List<String> violations) {
        if (title == null || title.isBlank()) {
            violations.add("title: required, not blank");
            return;
        }
        if (ContentHash.utf8Length(title) > MAX_TITLE_BYTES) {
            violations.add("title: at most " + MAX_TITLE_BYTES + " bytes of UTF-8");
        }
        if (title.chars().anyMatch(Character::isISOControl)) {
            violations.add("title: must not contain control characters");
        }
        if (!isWellFormed(title)) {
            violations.add("title: contains an unpaired UTF-16 surrogate");
        }
    }

    /**
     * A text is required unless its source hides it. It may be empty only in an import: there the source recorded
     * a page blanked, which is part of its history; a client submitting nothing is a mistake.
     */
    private static void checkText(RevisionDraft draft, List<String> violations) {
        String text = draft.text();
        if (draft.textHidden()) {
            return;
        }
        if (text == null || (text.isEmpty() && !draft.imported())) {
            violations.add("text: required, not empty");
            return;
        }
        if (text.indexOf('\0') >= 0) {
            violations.add("text: must not contain NUL characters");
        }
        if (!isWellFormed(text)) {
            violations.add("text: contains an unpaired UTF-16 surrogate, which has no UTF-8 form");
        }
    }

    /** The revision's bytes (text and other slots) within the limit a single submission's body has too. */
    private void checkSize(RevisionDraft draft, List<String> violations) {
        if (draft.text() == null && !draft.textHidden()) {
            return;
        }
        long slotBytes = draft.slots().stream().mapToLong(slot -> Math.max(0, slot.len())).sum();
        long textBytes = draft.text() == null ? 0 : ContentHash.utf8Length(draft.text());
        if (textBytes + slotBytes > maxRevisionBytes) {
            violations.add("the text" + (slotBytes > 0 ? " and its other slots are" : " is")
                    + " larger than the limit of " + maxRevisionBytes + " bytes");
        }
    }

    private static void checkOptional(String field, String value, List<String> violations) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            violations.add(field + ": must not contain NUL characters");
        }
        if (!isWellFormed(value)) {
            violations.add(field + ": contains an unpaired UTF-16 surrogate");
        }
    }

    /** True when every surrogate is part of a pair, i.e. the string encodes to UTF-8 losslessly. */
    public static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
