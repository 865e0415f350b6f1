package dev.palimpsest.cli;

import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.model.ReadModelRebuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest rebuild-read-model}: asks query-service to rebuild its read model from the archived topic
 * beside the live one (administrators, ADR 0024) and follows it with a progress bar until reads have switched over
 * to the new one; exits 1 if it fails, saying why.
 */
@Command(name = "rebuild-read-model", mixinStandardHelpOptions = true,
        description = "Rebuild query-service's read model from the archived topic (administrators): a new one is"
                + " built from offset zero beside the live one, which goes on answering; reads switch to it once it"
                + " has caught up, and the old one is dropped.")
final class RebuildReadModelCommand implements Callable<Integer> {

    private static final String NAME = "rebuild-read-model";
    private static final Duration POLL = Duration.ofMillis(500);

    @Option(names = "--follow", description = "Follow the rebuild already running (or the last one) instead of"
            + " starting one")
    boolean followOnly;

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
            terminal.err.println("palimpsest " + NAME + ": " + e.getMessage());
            return 2;
        }
        var rebuilds = new QueryClient(urls.queryUrl, token.orElse(null)).readModelRebuild();
        ReadModelRebuild status;
        try {
            status = followOnly ? rebuilds.getReadModelRebuild() : rebuilds.startReadModelRebuild();
        } catch (ApiException e) {
            int exit = Failures.report(terminal.err, NAME, urls.queryUrl, e);
            if (e.getCode() == 401 || e.getCode() == 403) {
                terminal.err.println("palimpsest " + NAME + ": " + access.hint(e.getCode(), token.isPresent()));
            } else if (e.getCode() == 409 && String.valueOf(e.getResponseBody()).contains("rebuild-in-progress")) {
                terminal.err.println("palimpsest " + NAME + ": follow it with ./palimpsest " + NAME + " --follow");
            }
            return exit;
        }
        if (!followOnly) {
            terminal.out.printf("rebuild %s started: a new read model is built from offset 0 beside the live one,"
                    + " which keeps answering%n", status.getId());
        }
        ProgressLine progress = new ProgressLine(terminal.out, terminal.interactive);
        while (true) {
            long replayed = orZero(status.getReplayed());
            long total = orZero(status.getTotal());
            String phase = status.getPhase() == null ? "unknown" : status.getPhase().getValue();
            progress.show(phase, total == 0 ? -1 : (double) replayed / total,
                    replayed + " of " + total + " records", status.getPerSecond() == null ? 0
                            : status.getPerSecond(), "records", status.getSecondsLeft());
            if ("switched".equals(phase)) {
                progress.done();
                terminal.out.printf("switched at %s: reads are answered by the new read model (%d records"
                        + " replayed, %d skipped); the old one is dropped%n",
                        status.getSwitchedAt(), replayed, orZero(status.getSkipped()));
                return 0;
            }
            if ("failed".equals(phase)) {
                progress.done();
                terminal.err.println("palimpsest " + NAME + ": rebuild " + status.getId() + " failed: "
                        + status.getFailure());
                return 1;
            }
            Thread.sleep(POLL.toMillis());
            try {
                status = rebuilds.getReadModelRebuild();
            } catch (ApiException e) {
                progress.done();
                terminal.err.println("palimpsest " + NAME + ": lost track of rebuild " + status.getId()
                        + " (a restart of query-service stops it; the live read model is then untouched)");
                return Failures.report(terminal.err, NAME, urls.queryUrl, e);
            }
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
