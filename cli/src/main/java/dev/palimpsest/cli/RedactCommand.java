package dev.palimpsest.cli;

import dev.palimpsest.client.IngestClient;
import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.ingest.api.RedactionResourceApi;
import dev.palimpsest.client.ingest.model.RedactRevisionRequest;
import dev.palimpsest.client.ingest.model.RedactionReceipt;
import dev.palimpsest.client.query.model.RedactionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest redact KEY N --reason "…"}: asks ingest-service to redact revision N's text (administrators,
 * ADR 0013); with {@code --wait}, follows the request until the archive has answered and prints the outcome.
 */
@Command(name = "redact", mixinStandardHelpOptions = true,
        description = "Redact a revision's text (administrators): every read of it then answers 410; its metadata"
                + " stays, marked with the reason, which is public.")
final class RedactCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. jasic-workers-solidarity-group")
    String articleKey;

    @Parameters(index = "1", paramLabel = "N", description = "The revision's sequence number")
    int revSeq;

    @Option(names = {"-r", "--reason"}, required = true, description = "Why (public; at most 500 characters)")
    String reason;

    @Option(names = {"-w", "--wait"}, description = "Wait until the archive has answered and print the outcome")
    boolean await;

    @Option(names = "--timeout", defaultValue = "60",
            description = "How long --wait waits, in seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Mixin
    ServiceUrls urls;

    /** Like every write's (--token-file, PALIMPSEST_TOKEN, ~/.config/palimpsest/token); it needs the admin role. */
    @Mixin
    AccessToken access = new AccessToken();

    Terminal terminal = new Terminal();

    @Override
    public Integer call() throws Exception {
        Optional<String> token;
        try {
            token = access.token();
        } catch (java.io.UncheckedIOException e) {
            terminal.err.println("palimpsest redact: " + e.getMessage());
            return 2;
        }
        RedactionReceipt receipt;
        try {
            receipt = new IngestClient(urls.ingestUrl, token.orElse(null)).redactions().redactRevision(RedactionResourceApi
                    .APIRedactRevisionRequest.newBuilder().key(articleKey).n(revSeq)
                    .redactRevisionRequest(new RedactRevisionRequest().reason(reason)).build());
        } catch (dev.palimpsest.client.ingest.ApiException e) {
            return Failures.reportWrite(terminal.err, "redact", urls.ingestUrl, e.getCode(), e.getResponseBody(), e,
                    access, token.isPresent());
        }
        terminal.out.printf("requested redaction %s of revision %d of %s%n", receipt.getEventId(), revSeq,
                articleKey);
        if (!await) {
            return 0;
        }
        QueryClient query = new QueryClient(urls.queryUrl);
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        try {
            while (true) {
                var status = query.redactionStatus(articleKey, receipt.getEventId());
                if (status.isPresent()) {
                    return report(status.get());
                }
                if (Instant.now().isAfter(deadline)) {
                    terminal.err.println("palimpsest redact: not answered after " + timeoutSeconds + " s; follow "
                            + receipt.getStatus());
                    return 1;
                }
                Thread.sleep(Duration.ofMillis(200).toMillis());
            }
        } catch (dev.palimpsest.client.query.ApiException e) {
            return Failures.report(terminal.err, "redact", urls.queryUrl, e);
        }
    }

    private int report(RedactionStatus status) {
        if (status.getOutcome() == RedactionStatus.OutcomeEnum.REDACTED) {
            terminal.out.printf("redacted at %s: %s%s now answers 410%n", status.getRedactedAt(),
                    urls.queryUrl.toString().replaceAll("/+$", ""), status.getRevision());
            return 0;
        }
        terminal.err.println("palimpsest redact: rejected: " + status.getDetail());
        return 1;
    }
}
