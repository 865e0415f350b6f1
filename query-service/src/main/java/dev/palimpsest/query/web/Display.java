package dev.palimpsest.query.web;

import dev.palimpsest.query.readmodel.Revision;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times, sizes, people and links: one place, so every page says them the same way. */
final class Display {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Display() {
    }

    /** e.g. "2019-01-01 00:00 UTC": minutes, as MediaWiki's history shows them. */
    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** e.g. "1 Jan 2019", for the timeline's labels. */
    static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    /** e.g. "67,012 bytes". */
    static String bytes(long bytes) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(bytes) + (bytes == 1 ? " byte" : " bytes");
    }

    /** A size change as MediaWiki shows it: "+12", "−3" (a minus sign), "0". */
    static String change(long delta) {
        String digits = NumberFormat.getIntegerInstance(Locale.ENGLISH).format(Math.abs(delta));
        return delta > 0 ? "+" + digits : delta < 0 ? "\u2212" + digits : "0";
    }

    /** Who made a revision, or a notice when the source hid it. */
    static String author(Revision revision) {
        return author(revision.performerHidden, revision.performerUserText);
    }

    static String author(boolean hidden, String userText) {
        if (hidden) {
            return "(author hidden at the source)";
        }
        return userText == null || userText.isBlank() ? "(unknown author)" : userText;
    }

    static String comment(boolean hidden, String comment) {
        if (hidden) {
            return "(edit summary hidden at the source)";
        }
        return comment == null ? "" : comment;
    }

    /** The UI path of an article ({@code /wiki/{key}}), its key encoded as one path segment. */
    static String articlePath(String articleKey) {
        return "/wiki/" + segment(articleKey);
    }

    /** The API path of an article ({@code /articles/{key}}). */
    static String apiPath(String articleKey) {
        return "/articles/" + segment(articleKey);
    }

    /** A query parameter's value, encoded. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String segment(String value) {
        // URLEncoder writes a space as '+', which a path does not decode; a colon may stand in a path segment, and
        // keys such as enwiki:12345 read better with theirs (as MediaWiki's /wiki/Talk:Foo)
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }
}
