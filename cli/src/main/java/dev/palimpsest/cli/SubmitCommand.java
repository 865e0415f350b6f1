package dev.palimpsest.cli;

import dev.palimpsest.client.IngestClient;
import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.client.query.api.ArticleResourceApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest submit KEY [FILE]}: submits one revision (the whole new text) to ingest-service; with
 * {@code --wait}, follows it until query-service serves it and prints its revision number.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a revision of an article: its whole text, from a file or standard input.")
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. jasic-workers-solidarity-group")
    String articleKey;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1",
            description = "The revision's text (UTF-8); standard input when absent or -")
    String file;

    @Option(names = "--title", description = "The page title (default: the article's current title)")
    String title;

    @Option(names = "--author", description = "Who made the edit (user name or IP)")
    String author;

    @Option(names = {"-m", "--comment"}, description = "The edit summary")
    String comment;

    @Option(names = "--time", converter = AsOfCommand.InstantConverter.class,
            description = "When the edit was made (ISO-8601 instant or date; default: when ingest receives it)")
    Instant time;

    @Option(names = "--source-revision-id", description = "The revision's id at its source (e.g. MediaWiki rev_id)")
    Long sourceRevisionId;

    @Option(names = "--idempotency-key", description = "Makes retries of an undated submission safe")
    String idempotencyKey;

    @Option(names = {"-w", "--wait"}, description = "Wait until the revision is archived and print its number")
    boolean await;

    @Option(names = "--timeout", defaultValue = "60", description = "How long --wait waits, in seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Mixin
    ServiceUrls urls;

    @Mixin
    AccessToken access = new AccessToken();

    Terminal terminal = new Terminal();
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        String text;
        try {
            text = utf8(file == null || file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file)));
        } catch (CharacterCodingException e) {
            terminal.err.println("palimpsest submit: the text is not valid UTF-8");
            return 2;
        } catch (IOException e) {
            terminal.err.println("palimpsest submit: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        Optional<String> token;
        try {
            token = access.token();
        } catch (java.io.UncheckedIOException e) {
            terminal.err.println("palimpsest submit: " + e.getMessage());
            return 2;
        }
        QueryClient query = new QueryClient(urls.queryUrl);
        String pageTitle = title;
        if (pageTitle == null) {
            try {
                pageTitle = query.articles().getArticle(ArticleResourceApi.APIGetArticleRequest.newBuilder()
                        .key(articleKey).build()).getTitle();
            } catch (dev.palimpsest.client.query.ApiException e) {
                if (e.getCode() == 404) {
                    terminal.err.println("palimpsest submit: '" + articleKey + "' is a new article: give its --title");
                    return 2;
                }
                return Failures.report(terminal.err, "submit", urls.queryUrl, e);
            }
        }
        SubmitRevisionRequest request = new SubmitRevisionRequest().title(pageTitle).text(text).author(author)
                .comment(comment).timestamp(time == null ? null : time.toString()).sourceRevisionId(sourceRevisionId);
        SubmissionReceipt receipt;
        try {
            receipt = new IngestClient(urls.ingestUrl, token.orElse(null)).submissions().submitRevision(SubmissionResourceApi
                    .APISubmitRevisionRequest.newBuilder().key(articleKey).submitRevisionRequest(request)
                    .idempotencyKey(idempotencyKey).build());
        } catch (dev.palimpsest.client.ingest.ApiException e) {
            return Failures.reportWrite(terminal.err, "submit", urls.ingestUrl, e.getCode(), e.getResponseBody(), e,
                    access, token.isPresent());
        }
        terminal.out.printf("submitted %s: %d bytes, sha1 %s%n", receipt.getEventId(), receipt.getRevLen(),
                receipt.getRevSha1());
        if (!await) {
            return 0;
        }
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        try {
            while (true) {
                Optional<Integer> revision = query.archivedRevision(articleKey, receipt.getEventId());
                if (revision.isPresent()) {
                    terminal.out.printf("archived as revision %d of %s: %s/articles/%s/revisions/%d%n",
                            revision.get(), articleKey, query.apiClient().getBaseUri(), articleKey, revision.get());
                    return 0;
                }
                if (Instant.now().isAfter(deadline)) {
                    terminal.err.println("palimpsest submit: not archived after " + timeoutSeconds + " s; follow "
                            + receipt.getStatus());
                    return 1;
                }
                Thread.sleep(Duration.ofMillis(200).toMillis());
            }
        } catch (dev.palimpsest.client.query.ApiException e) {
            return Failures.report(terminal.err, "submit", urls.queryUrl, e);
        }
    }

    /** Strict: a text that is not UTF-8 is refused here rather than altered. */
    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
