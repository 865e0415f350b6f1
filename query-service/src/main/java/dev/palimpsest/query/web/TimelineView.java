package dev.palimpsest.query.web;

import java.util.List;

/**
 * The time slider: every revision of the article a stop, in edit order, and the text as of the chosen moment.
 *
 * @param place      the stop shown (0 for the first revision), the range control's value
 * @param stopNumber the same counted from 1, for readers
 * @param lastStop the last stop (revisions − 1)
 * @param shown    the revision current at {@code t}, null when the article had none yet (then {@code notice})
 * @param t        the moment asked for, as an ISO-8601 instant (the URL's {@code ?t=})
 * @param bars     edits per stretch of the timeline, drawn above the slider
 * @param ticks    year labels under the bars
 * @param chartHeight the drawing's height, the bars' and the labels' under them
 */
public record TimelineView(String articleKey, String title, String articlePath, int revisionCount, int place,
                           int stopNumber, int lastStop, RevisionCard shown, String notice, String t, String tLabel,
                           String firstDay, String lastDay, List<Bar> bars, List<Tick> ticks, int chartWidth,
                           int chartHeight, int labelY) {

    /** One stretch of time: {@code count} edits between {@code from} and {@code to}, drawn {@code height} high. */
    public record Bar(int x, int y, int width, int height, int count, String from, String to) {
    }

    /** A label on the time axis, at {@code x}. */
    public record Tick(int x, String label) {
    }
}
