package dev.palimpsest.cli;

import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.DiffResourceApi;
import dev.palimpsest.client.query.model.DiffOperation;
import dev.palimpsest.client.query.model.DiffResult;
import dev.palimpsest.client.query.model.DiffStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest diff KEY FROM TO}: what changed between two revisions, word by word. Asks query-service for
 * the JSON diff at {@code granularity=word} (or the granularity chosen) and renders its operations.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show what changed between two revisions of an article, word by word (coloured on a terminal;"
                + " [-removed-]{+added+} otherwise or with NO_COLOR).")
final class DiffCommand implements Callable<Integer> {

    /** The {@code --color} choice of the commands that colour their output. */
    enum Colour {
        auto, always, never;

        /** Whether to colour: always, never, or (auto) on a terminal without {@code NO_COLOR}. */
        boolean on(Terminal terminal) {
            return switch (this) {
                case always -> true;
                case never -> false;
                case auto -> terminal.colour();
            };
        }
    }

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. jasic-workers-solidarity-group")
    String articleKey;

    @Parameters(index = "1", paramLabel = "FROM", description = "The older side: a revision number, or @ and an"
            + " ISO-8601 instant (@2024-06-01T00:00:00Z: the revision current then)")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "The newer side, the same way")
    String to;

    @Option(names = "--granularity", defaultValue = "word",
            description = "What a token is: word (default), line or char")
    String granularity;

    @Option(names = {"-C", "--context"}, defaultValue = "1",
            description = "Unchanged lines shown around each changed one (default ${DEFAULT-VALUE}; -1: the whole text)")
    int context;

    @Option(names = "--known-at", paramLabel = "TIME", converter = AsOfCommand.InstantConverter.class,
            description = "Compare as the archive knew the article then (transaction time): both sides among the"
                    + " revisions archived by then. An ISO-8601 instant, a date or now")
    Instant knownAt;

    @Option(names = "--color", defaultValue = "auto",
            description = "auto (on a terminal, unless NO_COLOR is set), always or never")
    Colour colour;

    @Mixin
    ServiceUrls urls;

    Terminal terminal = new Terminal();

    @Override
    public Integer call() {
        QueryClient query = new QueryClient(urls.queryUrl);
        DiffResult diff;
        try {
            diff = diff(query, granularity);
        } catch (ApiException e) {
            return Failures.report(terminal.err, "diff", urls.queryUrl, e);
        }
        boolean coloured = colour.on(terminal);
        String granularityUsed = diff.getGranularity() == null ? "?"
                : diff.getGranularity().getValue().toLowerCase(Locale.ROOT);
        DiffStats stats = diff.getStats();
        terminal.out.printf("%s: revision %d → %d, %s diff: words -%d +%d, lines -%d +%d%n",
                diff.getArticleKey(), diff.getFromRevSeq(), diff.getToRevSeq(), granularityUsed,
                stats.getRemovedWords(), stats.getAddedWords(), stats.getRemovedLines(), stats.getAddedLines());
        terminal.out.print(WordDiff.render(runs(diff.getOperations()), coloured, context));
        terminal.out.flush();
        return 0;
    }

    private DiffResult diff(QueryClient query, String tokens) throws ApiException {
        return query.diffs().diffRevisions(request().granularity(tokens).build());
    }

    private DiffResourceApi.APIDiffRevisionsRequest.Builder request() {
        return DiffResourceApi.APIDiffRevisionsRequest.newBuilder().key(articleKey).from(from).to(to).format("json")
                .knownAt(AsOfCommand.offset(knownAt));
    }

    static List<WordDiff.Run> runs(List<DiffOperation> operations) {
        return operations.stream().map(operation -> new WordDiff.Run(switch (operation.getOp()) {
            case DELETE -> WordDiff.Kind.DELETE;
            case INSERT -> WordDiff.Kind.INSERT;
            default -> WordDiff.Kind.EQUAL;
        }, operation.getText() == null ? "" : operation.getText())).toList();
    }
}
