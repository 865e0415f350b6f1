package dev.palimpsest.query.web;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.history.EditTimeRange;
import dev.palimpsest.query.history.HistoryCursor;
import dev.palimpsest.query.history.HistoryOrder;
import dev.palimpsest.query.history.HistoryPage;
import dev.palimpsest.query.history.HistoryRequest;
import dev.palimpsest.query.history.HistoryResource;
import dev.palimpsest.query.history.RevisionSummary;
import dev.palimpsest.query.readmodel.Revision;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /wiki/{key}/history}: the article's revisions newest first, a page at a time (the API's history and
 * cursors), with date, author, summary, size and size change, marks for reverts, duplicates, hidden parts and
 * redactions, and two radio buttons per row to compare any two.
 */
@Path("/wiki/{key}/history")
public class RevisionHistoryPage {

    private static final int[] LIMITS = {20, 50, 100, 250, 500};

    private final HistoryResource history;

    public RevisionHistoryPage(HistoryResource history) {
        this.history = history;
    }

    @GET
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response history(@PathParam("key") String articleKey, @QueryParam("limit") String limit,
                            @QueryParam("cursor") String cursor, @Context HttpHeaders headers,
                            @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> {
            HistoryPage page = history.listRevisions(articleKey, limit, "desc", null, null, cursor, null);
            List<RevisionSummary> revisions = page.revisions();
            // the revision before the page's oldest, for its size change: the first of the next page
            RevisionSummary beforePage = page.next() == null ? null
                    : firstLedTo(articleKey, "desc", page.next()).orElse(null);
            String path = Display.articlePath(articleKey);
            List<HistoryView.Row> rows = new ArrayList<>();
            for (int i = 0; i < revisions.size(); i++) {
                RevisionSummary revision = revisions.get(i);
                RevisionSummary previous = i + 1 < revisions.size() ? revisions.get(i + 1) : beforePage;
                rows.add(row(path, revision, previous, i));
            }
            int pageSize = HistoryRequest.parseLimit(limit);
            String sized = "?limit=" + pageSize;
            List<HistoryView.Limit> limits = new ArrayList<>();
            for (int size : LIMITS) {
                limits.add(new HistoryView.Limit(size, path + "/history?limit=" + size, size == pageSize));
            }
            String newest = path + "/history" + sized;
            return Pages.html(Templates.history(new HistoryView(articleKey, page.title() == null ? articleKey
                    : page.title(), path, countOf(articleKey), rows,
                    page.next() == null ? null : pagePath(newest, page.next()),
                    cursor == null || revisions.isEmpty() ? null
                            : pagePath(newest, newerPage(articleKey, revisions.get(0), pageSize)),
                    cursor == null ? null : newest,
                    page.next() == null ? null : pagePath(newest, oldestPage(articleKey, pageSize)),
                    pageSize, limits)).render());
        });
    }

    private static String pagePath(String newest, String cursor) {
        return cursor == null ? newest : newest + "&cursor=" + Display.query(cursor);
    }

    /**
     * The cursor of the page of {@code limit} revisions just newer than {@code first} (the first row of this page),
     * newest first as every page; null when that is the newest page. The API's cursors go one way, so this walks the
     * other way from {@code first} and starts a page of the usual order just beyond.
     */
    private String newerPage(String articleKey, RevisionSummary first, int limit) {
        HistoryPage newer = history.listRevisions(articleKey, String.valueOf(limit), "asc", null, null,
                cursorAt(HistoryOrder.ASC, first), null);
        return newer.next() == null ? null : beyond(articleKey, newer.next());
    }

    /** The cursor of the page holding the oldest {@code limit} revisions; null when it is the newest page too. */
    private String oldestPage(String articleKey, int limit) {
        HistoryPage oldest = history.listRevisions(articleKey, String.valueOf(limit), "asc", null, null, null, null);
        return oldest.next() == null ? null : beyond(articleKey, oldest.next());
    }

    /** A newest-first cursor just before the first revision an oldest-first cursor leads to. */
    private String beyond(String articleKey, String ascendingCursor) {
        return firstLedTo(articleKey, "asc", ascendingCursor).map(next -> cursorAt(HistoryOrder.DESC, next))
                .orElse(null);
    }

    /** The first revision a cursor of the given order leads to (the first row of the page it opens), if any. */
    private Optional<RevisionSummary> firstLedTo(String articleKey, String order, String cursor) {
        return history.listRevisions(articleKey, "1", order, null, null, cursor, null).revisions().stream()
                .findFirst();
    }

    private static String cursorAt(HistoryOrder order, RevisionSummary revision) {
        return new HistoryCursor(order, EditTimeRange.ALL, revision.revTimestamp(),
                Revision.tieBreak(revision.revId()), revision.revSeq()).encode();
    }

    private static int countOf(String articleKey) {
        return RevisionParameters.article(articleKey, null).revisionCount;
    }

    private static HistoryView.Row row(String path, RevisionSummary revision, RevisionSummary previous, int index) {
        List<String> hidden = revision.hidden() == null ? List.of() : revision.hidden();
        List<String> marks = new ArrayList<>();
        if (revision.revertOf() != null) {
            marks.add("reverts to revision " + revision.revertOf());
        } else if (previous != null && revision.revSha1() != null && !hidden.contains("text")
                && Objects.equals(revision.revSha1(), previous.revSha1())) {
            marks.add("duplicate: same text as revision " + previous.revSeq());
        }
        for (String part : hidden) {
            marks.add(part + " hidden at the source");
        }
        if (revision.redacted() != null) {
            marks.add("redacted " + Display.time(revision.redacted().at()));
        }
        long delta = revision.revLen() - (previous == null ? 0 : previous.revLen());
        return new HistoryView.Row(revision.revSeq(), path + "/revisions/" + revision.revSeq(),
                Display.time(revision.revTimestamp()), revision.revTimestamp().toString(),
                Display.author(hidden.contains("author"), revision.author() == null ? null
                        : revision.author().userText()),
                Display.comment(hidden.contains("comment"), revision.comment()), Display.bytes(revision.revLen()),
                Display.change(delta), delta > 0 ? "grew" : delta < 0 ? "shrank" : "same", marks, index == 1,
                index == 0, previous == null ? null
                : path + "/compare?from=" + previous.revSeq() + "&to=" + revision.revSeq());
    }
}
