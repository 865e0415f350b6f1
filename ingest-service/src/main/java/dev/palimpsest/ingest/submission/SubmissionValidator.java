package dev.palimpsest.ingest.submission;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a revision must meet before it enters the log. Anything refused here is never published, so the
 * archive never has to store what it cannot answer byte for byte (PostgreSQL text cannot hold NUL; a lone UTF-16
 * surrogate has no UTF-8 form).
 */
public final class SubmissionValidator {

    /** Article keys are stable ids chosen by the source, e.g. {@code enwiki:12345}: no spaces, no slashes. */
    public static final Pattern ARTICLE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,254}");

    /** MediaWiki's limits: titles of 255 bytes, user names of 255 bytes, comments of 1000 characters. */
    static final int MAX_TITLE_BYTES = 255;
    static final int MAX_AUTHOR_BYTES = 255;
    static final int MAX_COMMENT_CHARS = 1000;

    /** PostgreSQL's timestamps reach back to 4713 BC; edits of the archive's articles do not predate the year 1. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private final Clock clock;
    private final Duration maxClockSkew;

    public SubmissionValidator(Clock clock, Duration maxClockSkew) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    public static void requireValidArticleKey(String articleKey) {
        if (articleKey == null || !ARTICLE_KEY.matcher(articleKey).matches()) {
            throw new ProblemException(IngestProblem.INVALID_ARTICLE_KEY,
                    "article key must be 1-255 characters of letters, digits and . _ : ~ - (starting with a letter"
                            + " or digit), e.g. enwiki:12345");
        }
    }

    /** A client's own idempotency key: printable, at most 255 characters. */
    public static void requireValidIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > 255 || key.chars().anyMatch(Character::isISOControl))) {
            throw new ProblemException(IngestProblem.INVALID_REVISION,
                    "Idempotency-Key header: 1-255 printable characters");
        }
    }

    /** @throws ProblemException naming every violated rule at once */
    public ValidRevision validate(String articleKey, SubmitRevisionRequest request) {
        requireValidArticleKey(articleKey);
        List<String> violations = new ArrayList<>();
        checkTitle(request.title(), violations);
        checkText(request.text(), violations);
        checkOptional("author", request.author(), violations);
        if (request.author() != null && ContentHash.utf8Length(request.author()) > MAX_AUTHOR_BYTES) {
            violations.add("author: at most " + MAX_AUTHOR_BYTES + " bytes of UTF-8");
        }
        checkOptional("comment", request.comment(), violations);
        if (request.comment() != null && request.comment().codePointCount(0, request.comment().length())
                > MAX_COMMENT_CHARS) {
            violations.add("comment: at most " + MAX_COMMENT_CHARS + " characters");
        }
        if (request.sourceRevisionId() != null && request.sourceRevisionId() <= 0) {
            violations.add("sourceRevisionId: must be a positive integer");
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(IngestProblem.INVALID_REVISION, String.join("; ", violations));
        }
        Instant now = clock.instant();
        // the time of receipt, to the microsecond the archive keeps
        Instant timestamp = request.timestamp() == null ? now.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                : parseTimestamp(request.timestamp(), now);
        return new ValidRevision(articleKey, request.title(), request.text(), timestamp,
                request.timestamp() != null, request.author(), request.comment(), request.sourceRevisionId());
    }

    private Instant parseTimestamp(String value, Instant now) {
        Instant timestamp;
        try {
            timestamp = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(IngestProblem.INVALID_TIMESTAMP,
                    "timestamp: '" + abbreviate(value) + "' is not an ISO-8601 instant such as 2019-01-01T00:00:00Z");
        }
        if (timestamp.isBefore(EARLIEST)) {
            throw new ProblemException(IngestProblem.INVALID_TIMESTAMP,
                    "timestamp: " + timestamp + " is before the year 1");
        }
        if (timestamp.getNano() % 1000 != 0) {
            throw new ProblemException(IngestProblem.INVALID_TIMESTAMP,
                    "timestamp: " + value + " is finer than microseconds, which is all the archive keeps");
        }
        if (timestamp.isAfter(now.plus(maxClockSkew))) {
            throw new ProblemException(IngestProblem.INVALID_TIMESTAMP,
                    "timestamp: " + timestamp + " lies in the future (now is " + now + ")");
        }
        return timestamp;
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

    private static void checkText(String text, List<String> violations) {
        if (text == null || text.isEmpty()) {
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
