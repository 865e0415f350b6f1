package dev.palimpsest.query.revision;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionReads;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Parses the path and query parameters that name a revision, answering 400 problems for bad ones. */
public final class RevisionParameters {

    /** The earliest and latest times a query may name: stored edit times are within them (ingest refuses others). */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The OpenAPI description of every operation's {@code knownAt} parameter. */
    public static final String KNOWN_AT = "Answer as the archive would have at this instant (transaction time): only"
            + " revisions archived by then count, for what is listed and for everything derived (counts, latest"
            + " revision, title, reverts, neighbours); links in the answer keep it. A redaction made later still"
            + " hides the text: erasure is not undone by going back in time. An ISO-8601 instant; default: now.";

    private RevisionParameters() {
    }

    /** A revision sequence number: a positive whole number, e.g. {@code 3}. */
    public static int revSeq(String raw) {
        try {
            int revSeq = Integer.parseInt(raw);
            if (revSeq >= 1) {
                return revSeq;
            }
        } catch (NumberFormatException e) {
            // answered below, the same as zero or a negative number
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                "revision: '" + raw + "' is not a revision sequence number (a whole number from 1)");
    }

    /**
     * An ISO-8601 instant with a zone offset, e.g. {@code 2019-01-01T00:00:00Z} or
     * {@code 2019-01-01T01:00:00+01:00}. Truncated to microseconds, the precision of stored timestamps, so that
     * "at or before t" compares as the caller meant it.
     */
    public static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ProblemException(QueryProblem.INVALID_TIMESTAMP,
                    name + ": required, an ISO-8601 instant such as 2019-01-01T00:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(raw.trim()).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new ProblemException(QueryProblem.INVALID_TIMESTAMP,
                    name + ": '" + raw + "' is not an ISO-8601 instant such as 2019-01-01T00:00:00Z");
        }
        if (!isComparable(instant)) {
            throw new ProblemException(QueryProblem.INVALID_TIMESTAMP,
                    name + ": '" + raw + "' is outside the years 1 to 9999, the times the archive answers for");
        }
        return instant;
    }

    /**
     * Whether PostgreSQL can compare the instant with stored times: {@link Instant} reaches a billion years either
     * way, a PostgreSQL timestamp only 4713 BC to 294276 AD, and a time beyond those fails the query (a 500, not an
     * answer). Years 1 to 9999 hold every edit the archive can have.
     */
    public static boolean isComparable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * The optional {@code knownAt} query parameter (transaction time: answer as the archive knew things then), as
     * {@link #instant}; null when absent, which means now. A knownAt in the future is accepted and answers what is
     * archived so far (later arrivals may still change it); one before anything was archived finds nothing.
     */
    public static Instant knownAt(String raw) {
        return raw == null ? null : instant("knownAt", raw);
    }

    /**
     * The revision a path parameter names: a 400 problem if it is no sequence number, a 404 if the article has no
     * such revision.
     */
    public static Revision existing(String articleKey, String rawRevSeq) {
        return existing(articleKey, rawRevSeq, null);
    }

    /**
     * The same, as known at {@code knownAt} (null: now): a revision the archive stored after then is a 404
     * {@code revision-not-yet-archived} saying when it was stored.
     */
    public static Revision existing(String articleKey, String rawRevSeq, Instant knownAt) {
        int seq = revSeq(rawRevSeq);
        Revision revision = RevisionReads.instance().numbered(articleKey, seq).orElseThrow(() -> new ProblemException(
                QueryProblem.REVISION_NOT_FOUND, "article '" + articleKey + "' has no revision " + seq));
        if (!revision.knownAt(knownAt)) {
            throw new ProblemException(QueryProblem.REVISION_NOT_YET_ARCHIVED, "revision " + seq + " of article '"
                    + articleKey + "' was archived at " + revision.archivedAt + ", after knownAt " + knownAt);
        }
        return revision;
    }

    /**
     * The article as known at {@code knownAt} (null: now), or a 404 {@code article-not-found}: no revision of it
     * had been archived by then.
     */
    public static Article article(String articleKey, Instant knownAt) {
        return Article.withKey(articleKey, knownAt).orElseThrow(() -> new ProblemException(
                QueryProblem.ARTICLE_NOT_FOUND, knownAt == null
                ? "no revision of article '" + articleKey + "' has been archived"
                : "no revision of article '" + articleKey + "' had been archived by knownAt " + knownAt));
    }

    /**
     * The revision current at {@code time} among those archived by {@code knownAt} (null: now, as
     * {@link #currentAt(String, Instant)}); a 404 {@code no-revision-at-time} when there is none.
     */
    public static Revision currentAt(String articleKey, Instant time, Instant knownAt) {
        if (knownAt == null) {
            return currentAt(articleKey, time);
        }
        return RevisionReads.instance().asOf(articleKey, time, knownAt).orElseThrow(() -> new ProblemException(
                QueryProblem.NO_REVISION_AT_TIME, "article '" + articleKey + "' had no revision at or before "
                + time + " archived by " + knownAt));
    }

    /**
     * The revision current at {@code time} (the latest at or before it): a 404 problem saying when the article's
     * first revision is from, or that the archive has none of the article.
     */
    public static Revision currentAt(String articleKey, Instant time) {
        // the article is looked up only when no revision answers: the 404s say which case it is
        return RevisionReads.instance().asOf(articleKey, time, null).orElseThrow(() -> Article.withKey(articleKey)
                .map(article -> new ProblemException(QueryProblem.NO_REVISION_AT_TIME, "article '" + articleKey
                        + "' has no revision at or before " + time + "; its first is from "
                        + article.firstRevTimestamp))
                .orElseGet(() -> new ProblemException(QueryProblem.ARTICLE_NOT_FOUND,
                        "no revision of article '" + articleKey + "' has been archived")));
    }

    /**
     * A revision named by number, or by time as {@code @<ISO instant>} (the revision current then, among those
     * archived by {@code knownAt}; null: now): as a diff's {@code from} and {@code to} name them. A missing value is
     * a 400 saying so.
     */
    public static Revision named(String articleKey, String name, String value, Instant knownAt) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                    name + " is required: a revision number, or @ and an ISO-8601 instant");
        }
        if (value.startsWith("@")) {
            return currentAt(articleKey, instant(name, value.substring(1)), knownAt);
        }
        return existing(articleKey, value, knownAt);
    }
}
