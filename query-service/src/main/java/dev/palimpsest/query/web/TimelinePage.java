package dev.palimpsest.query.web;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionReads;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /wiki/{key}/timeline?t=}: the article as of {@code t} (the as-of API's answer) under a range control with
 * one stop per revision and bars of edit activity over time. Without JavaScript the control is a form: its
 * {@code stop} is answered by a redirect to the same page with that stop's {@code ?t=}, so a shared URL always names
 * a moment. With the page's script, moving it fetches {@code ?stop=…&fragment=true}, the revision alone, and swaps
 * it in.
 */
@Path("/wiki/{key}/timeline")
public class TimelinePage {

    static final int BARS = 60;
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 48;

    /** How many articles' bars are kept: a reader moving a slider asks for the same bars at every stop. */
    static final int BARS_KEPT = 256;

    private final EditOrder editOrder;
    /**
     * Bars of edit activity by article, with the count and last edit they were drawn for: a new revision changes
     * either (an article only grows), so a kept drawing is never stale. Least recently used first out.
     */
    private final Map<String, KeptBars> barsByArticle = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeptBars> eldest) {
            return size() > BARS_KEPT;
        }
    };

    private record KeptBars(int revisionCount, Instant lastRevTimestamp, List<TimelineView.Bar> bars) {
    }

    public TimelinePage(EditOrder editOrder) {
        this.editOrder = editOrder;
    }

    @GET
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response timeline(@PathParam("key") String articleKey, @QueryParam("t") String t,
                             @QueryParam("stop") String stop, @QueryParam("fragment") String fragment,
                             @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> {
            Article article = RevisionParameters.article(articleKey, null);
            boolean alone = "true".equals(fragment);
            if (stop != null) {
                int place = place(article, stop);
                Revision atStop = revisionAt(article, stop, place);
                if (!alone) {
                    return Response.seeOther(URI.create(Display.articlePath(articleKey) + "/timeline?t="
                            + Display.query(atStop.revTimestamp.toString()))).build();
                }
                return Pages.html(Templates.timelineRevision(view(article, atStop.revTimestamp, atStop, place))
                        .render());
            }
            Instant moment = t == null || t.isBlank() ? article.lastRevTimestamp : RevisionParameters.instant("t", t);
            Revision shown = RevisionReads.instance().asOf(articleKey, moment, null).orElse(null);
            TimelineView view = view(article, moment, shown, shown == null ? 0 : editOrder.placeOf(shown));
            return Pages.html((alone ? Templates.timelineRevision(view) : Templates.timeline(view)).render());
        });
    }

    /** The place in edit order a stop names, from 0: a 400 unless it is one of the article's. */
    private static int place(Article article, String stop) {
        int place;
        try {
            place = Integer.parseInt(stop.trim());
        } catch (NumberFormatException e) {
            place = -1;
        }
        if (place < 0 || place >= article.revisionCount) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "stop: '" + stop + "' is not a stop of the"
                    + " timeline (a whole number from 0 to " + (article.revisionCount - 1) + ")");
        }
        return place;
    }

    private Revision revisionAt(Article article, String stop, int place) {
        int revSeq = editOrder.revSeqAt(article.articleKey, place).orElseThrow(() -> new ProblemException(
                QueryProblem.INVALID_PARAMETER, "stop: " + stop + " is past the article's last revision"));
        return RevisionParameters.existing(article.articleKey, String.valueOf(revSeq));
    }

    /** The page of {@code shown} (null: none yet at {@code moment}), {@code place} its place in edit order. */
    private TimelineView view(Article article, Instant moment, Revision shown, int place) {
        String path = Display.articlePath(article.articleKey);
        String notice = shown != null ? null : "The archive has no revision of this article at or before "
                + Display.time(moment) + ": its first is from " + Display.time(article.firstRevTimestamp) + ".";
        return new TimelineView(article.articleKey, article.title == null ? article.articleKey : article.title, path,
                article.revisionCount, place, place + 1, Math.max(0, article.revisionCount - 1),
                shown == null ? null : RevisionCard.of(shown), notice, moment.toString(), Display.time(moment),
                Display.day(article.firstRevTimestamp), Display.day(article.lastRevTimestamp),
                bars(article), ticks(article), CHART_WIDTH, CHART_HEIGHT + 14, CHART_HEIGHT + 12);
    }

    private List<TimelineView.Bar> bars(Article article) {
        synchronized (barsByArticle) {
            KeptBars kept = barsByArticle.get(article.articleKey);
            if (kept != null && kept.revisionCount() == article.revisionCount
                    && kept.lastRevTimestamp().equals(article.lastRevTimestamp)) {
                return kept.bars();
            }
        }
        List<TimelineView.Bar> bars = drawBars(article);
        synchronized (barsByArticle) {
            barsByArticle.put(article.articleKey, new KeptBars(article.revisionCount, article.lastRevTimestamp,
                    bars));
        }
        return bars;
    }

    private List<TimelineView.Bar> drawBars(Article article) {
        int[] counts = editOrder.editsPerStretch(article.articleKey, article.firstRevTimestamp,
                article.lastRevTimestamp, BARS);
        int most = 1;
        for (int count : counts) {
            most = Math.max(most, count);
        }
        long first = article.firstRevTimestamp.getEpochSecond();
        long span = Math.max(1, article.lastRevTimestamp.getEpochSecond() - first);
        int width = CHART_WIDTH / BARS;
        List<TimelineView.Bar> bars = new ArrayList<>();
        for (int i = 0; i < BARS; i++) {
            // a stretch with any edit shows at least a sliver
            int height = counts[i] == 0 ? 0 : Math.max(2, (int) Math.round((double) counts[i] * CHART_HEIGHT / most));
            Instant from = Instant.ofEpochSecond(first + span * i / BARS);
            Instant to = Instant.ofEpochSecond(first + span * (i + 1) / BARS);
            bars.add(new TimelineView.Bar(i * width, CHART_HEIGHT - height, width - 1, height, counts[i],
                    Display.day(from), Display.day(to)));
        }
        return bars;
    }

    /** A label at the start of each year the timeline crosses (every few years when there are many). */
    private static List<TimelineView.Tick> ticks(Article article) {
        int firstYear = article.firstRevTimestamp.atZone(ZoneOffset.UTC).getYear();
        int lastYear = article.lastRevTimestamp.atZone(ZoneOffset.UTC).getYear();
        long first = article.firstRevTimestamp.getEpochSecond();
        long span = article.lastRevTimestamp.getEpochSecond() - first;
        List<TimelineView.Tick> ticks = new ArrayList<>();
        if (span <= 0) {
            return ticks;
        }
        int step = Math.max(1, (lastYear - firstYear + 1) / 8);
        for (int year = firstYear + 1; year <= lastYear; year += step) {
            long at = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            int x = (int) ((at - first) * CHART_WIDTH / span);
            if (x <= CHART_WIDTH - 28) { // a label starting nearer the right edge would be cut off
                ticks.add(new TimelineView.Tick(x, String.valueOf(year)));
            }
        }
        return ticks;
    }
}
