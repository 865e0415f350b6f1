package dev.palimpsest.cli;

import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.HistoryResourceApi;
import dev.palimpsest.client.query.model.HistoryPage;
import dev.palimpsest.client.query.model.RevisionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./palimpsest history KEY}: one page of an article's history as a table. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List an article's revisions, a page at a time (newest first unless --order asc).")
final class HistoryCommand implements Callable<Integer> {

    enum Order { asc, desc }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");
    private static final int COMMENT_WIDTH = 50;

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. enwiki:12")
    String articleKey;

    @Option(names = "--limit", defaultValue = "20", description = "Revisions per page, 1 to 500 (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--order", defaultValue = "desc", description = "asc: oldest first; desc: newest first (default)")
    Order order;

    @Option(names = "--cursor", description = "Where the previous page ended (printed below it)")
    String cursor;

    @Option(names = "--known-at", paramLabel = "TIME", converter = AsOfCommand.InstantConverter.class,
            description = "List the history as the archive knew it then (transaction time): only revisions archived"
                    + " by then, with the reverts of then. An ISO-8601 instant, a date or now")
    Instant knownAt;

    @Mixin
    ServiceUrls urls;

    Terminal terminal = new Terminal();

    @Override
    public Integer call() {
        HistoryPage page;
        try {
            page = new QueryClient(urls.queryUrl).history().listRevisions(HistoryResourceApi.APIListRevisionsRequest
                    .newBuilder().key(articleKey).cursor(cursor).limit(limit).order(order.name())
                    .knownAt(AsOfCommand.offset(knownAt)).build());
        } catch (ApiException e) {
            return Failures.report(terminal.err, "history", urls.queryUrl, e);
        }
        terminal.out.print(render(page, order, knownAt));
        terminal.out.flush();
        return 0;
    }

    /** @param knownAt the transaction time the page is as known at, kept in the command for the next page; or null */
    static String render(HistoryPage page, Order order, Instant knownAt) {
        StringBuilder out = new StringBuilder();
        out.append(page.getArticleKey()).append(" \u2014 ").append(page.getTitle()).append('\n');
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[]{"rev", "edited (UTC)", "author", "bytes", "sha1", "comment"});
        for (RevisionSummary revision : page.getRevisions()) {
            String comment = revision.getComment() == null ? "" : revision.getComment().replaceAll("\\s+", " ");
            if (revision.getRevertOf() != null) {
                comment = "[reverts to " + revision.getRevertOf() + "] " + comment;
            }
            if (revision.getHidden() != null && !revision.getHidden().isEmpty()) {
                comment = "[hidden: " + String.join(", ", revision.getHidden()) + "] " + comment;
            }
            rows.add(new String[]{
                    String.valueOf(revision.getRevSeq()),
                    revision.getRevTimestamp() == null ? "" : TIME.format(revision.getRevTimestamp()),
                    revision.getAuthor() == null || revision.getAuthor().getUserText() == null ? ""
                            : revision.getAuthor().getUserText(),
                    revision.getRevLen() == null ? "" : String.valueOf(revision.getRevLen()),
                    revision.getRevSha1() == null ? "" : revision.getRevSha1().substring(0, Math.min(10,
                            revision.getRevSha1().length())),
                    comment.length() > COMMENT_WIDTH ? comment.substring(0, COMMENT_WIDTH - 1) + "\u2026" : comment});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i == 0 || i == 3;
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.codePointCount(0, cell.length()));
                line.append(number ? pad + cell : cell + (i == row.length - 1 ? "" : pad));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (page.getRevisions().isEmpty()) {
            out.append("(no revisions on this page)\n");
        }
        if (page.getNext() != null) {
            out.append(String.format(Locale.ROOT, "more: --order %s%s --cursor %s%n", order,
                    knownAt == null ? "" : " --known-at " + knownAt, page.getNext()));
        }
        return out.toString();
    }
}
