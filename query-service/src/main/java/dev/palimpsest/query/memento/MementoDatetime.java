package dev.palimpsest.query.memento;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Memento's datetimes (RFC 7089, section 2.1.1): {@code Accept-Datetime} and {@code Memento-Datetime} are RFC 1123
 * dates in GMT, to the second, e.g. {@code Tue, 20 Jun 2000 18:02:59 GMT}.
 */
public final class MementoDatetime {

    /** IMF-fixdate (RFC 9110, section 5.6.7): two-digit day, always GMT, what every HTTP date should look like. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private MementoDatetime() {
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    /**
     * An edit time as a Memento datetime; the fraction of a second is dropped (the format has none). Written field
     * by field for the years 1000 to 9999 (the formatter looks each day and month name up in maps, on every
     * answer that carries the header); other years through the formatter.
     */
    public static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (time.getYear() < 1000 || time.getYear() > 9999) {
            return HTTP_DATE.format(instant);
        }
        StringBuilder date = new StringBuilder(29).append(DAYS[time.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(date, time.getDayOfMonth()).append(' ').append(MONTHS[time.getMonthValue() - 1]).append(' ')
                .append(time.getYear()).append(' ');
        twoDigits(date, time.getHour()).append(':');
        twoDigits(date, time.getMinute()).append(':');
        return twoDigits(date, time.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * The moment an {@code Accept-Datetime} asks about. The header names a whole second, and the Memento-Datetime
     * of a revision edited within that second shows that second; so the answer is as of the second's last
     * microsecond (the precision of stored times), and asking with a memento's own Memento-Datetime leads back to
     * it (or to a later revision of the same second, which shows the same datetime).
     *
     * @throws ProblemException {@code invalid-accept-datetime} for anything but an RFC 1123 date
     */
    public static Instant acceptDatetime(String header) {
        Instant second;
        try {
            second = DateTimeFormatter.RFC_1123_DATE_TIME.parse(header.trim(), Instant::from);
        } catch (DateTimeException e) {
            throw new ProblemException(QueryProblem.INVALID_ACCEPT_DATETIME, "Accept-Datetime: '" + header
                    + "' is not an RFC 1123 date such as 'Tue, 20 Jun 2000 18:02:59 GMT'");
        }
        return second.truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.SECONDS).minus(1, ChronoUnit.MICROS);
    }
}
