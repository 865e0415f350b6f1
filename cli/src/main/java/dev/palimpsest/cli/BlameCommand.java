package dev.palimpsest.cli;

import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.model.Author;
import dev.palimpsest.client.query.model.AuthorShare;
import dev.palimpsest.client.query.model.Provenance;
import dev.palimpsest.client.query.model.TokenOrigin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest blame KEY [REV|@TIME]}: who wrote each word of a revision, like {@code git blame} for prose.
 * Asks query-service for the revision's provenance (with its tokens) and its text, and prints the text coloured by
 * author (on a terminal), or marked with each author's number, then the main authors.
 */
@Command(name = "blame", mixinStandardHelpOptions = true,
        description = "Show who wrote each word of a revision: the text coloured by author on a terminal (each"
                + " author's number in ⟦⟧ otherwise, or with NO_COLOR), then the main authors and their shares.")
final class BlameCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. jasic-workers-solidarity-group")
    String articleKey;

    @Parameters(index = "1", paramLabel = "REV|@TIME", arity = "0..1",
            description = "A revision number, or @ and an ISO-8601 instant or date (the revision current then);"
                    + " default: the latest")
    String revision;

    @Option(names = "--porcelain", description = "For scripts: one line per run of tokens with one origin, tab"
            + " separated: revision, author, time, tokens, text (\\n \\r \\t \\\\ escaped)")
    boolean porcelain;

    @Option(names = "--color", defaultValue = "auto",
            description = "auto (on a terminal, unless NO_COLOR is set), always or never")
    DiffCommand.Colour colour;

    @Mixin
    ServiceUrls urls;

    Terminal terminal = new Terminal();

    @Override
    public Integer call() {
        QueryClient query = new QueryClient(urls.queryUrl);
        Provenance provenance;
        String text;
        try {
            provenance = provenance(query);
            text = new String(query.revisionText(articleKey, provenance.getRevSeq()), StandardCharsets.UTF_8);
        } catch (ApiException e) {
            return Failures.report(terminal.err, "blame", urls.queryUrl, e);
        } catch (IllegalArgumentException | picocli.CommandLine.TypeConversionException e) {
            terminal.err.println("blame: " + e.getMessage());
            return 2;
        }
        Map<Integer, ProseBlame.Origin> origins = new HashMap<>();
        for (TokenOrigin origin : provenance.getOrigins()) {
            origins.put(origin.getRevSeq(), new ProseBlame.Origin(origin.getRevSeq(),
                    name(origin.getAuthor(), Boolean.TRUE.equals(origin.getAuthorHidden())),
                    origin.getRevTimestamp() == null ? "" : origin.getRevTimestamp().toInstant().toString()));
        }
        List<int[]> runs = provenance.getRuns().stream()
                .map(run -> new int[] {run.get(0), run.get(1)}).toList();
        List<ProseBlame.Run> cut = ProseBlame.runs(text, provenance.getTokens(), runs, origins);
        if (porcelain) {
            terminal.out.print(ProseBlame.porcelain(cut));
        } else {
            boolean coloured = colour.on(terminal);
            List<ProseBlame.Share> shares = provenance.getAuthors().stream().map(BlameCommand::share).toList();
            terminal.out.printf("%s, revision %d (%s): %,d tokens by %d author%s%n%n", provenance.getArticleKey(),
                    provenance.getRevSeq(), provenance.getRevTimestamp() == null ? ""
                            : provenance.getRevTimestamp().toInstant(), provenance.getTokenCount(), shares.size(),
                    shares.size() == 1 ? "" : "s");
            terminal.out.print(ProseBlame.render(cut, shares, coloured));
        }
        terminal.out.flush();
        return 0;
    }

    private Provenance provenance(QueryClient query) throws ApiException {
        if (revision == null) {
            return query.provenance().getProvenanceAsOf(articleKey, null, true);
        }
        if (revision.startsWith("@")) {
            Instant time = new AsOfCommand.InstantConverter().convert(revision.substring(1));
            return query.provenance().getProvenanceAsOf(articleKey, AsOfCommand.offset(time), true);
        }
        try {
            return query.provenance().getRevisionProvenance(articleKey, Integer.parseInt(revision), true);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + revision + "' is neither a revision number nor @ and a time");
        }
    }

    private static ProseBlame.Share share(AuthorShare share) {
        return new ProseBlame.Share(name(share.getAuthor(), Boolean.TRUE.equals(share.getAuthorHidden())),
                share.getTokens(), share.getShare(), share.getRevisions());
    }

    private static String name(Author author, boolean hidden) {
        if (hidden) {
            return "(author hidden)";
        }
        return author == null || author.getUserText() == null ? "(unknown)" : author.getUserText();
    }
}
