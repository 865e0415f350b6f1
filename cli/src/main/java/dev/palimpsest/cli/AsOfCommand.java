package dev.palimpsest.cli;

import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.AsOfResourceApi;
import dev.palimpsest.client.query.model.Revision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code ./palimpsest as-of KEY INSTANT}: what an article said at a time, byte for byte (or what revision it was). */
@Command(name = "as-of", mixinStandardHelpOptions = true,
        description = "Print an article as it was at a time: the latest revision edited at or before it.")
final class AsOfCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. jasic-workers-solidarity-group")
    String articleKey;

    @Parameters(index = "1", paramLabel = "TIME", converter = InstantConverter.class,
            description = "An ISO-8601 instant (2024-06-01T00:00:00Z), a date (2024-06-01: its start, UTC) or now")
    Instant time;

    @Option(names = "--known-at", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Answer as the archive knew the article then (transaction time): only revisions archived by"
                    + " then count. An ISO-8601 instant, a date or now")
    Instant knownAt;

    @Option(names = {"-m", "--metadata"}, description = "Print which revision it is (number, time, author, comment,"
            + " sha1) instead of its text")
    boolean metadata;

    @Mixin
    ServiceUrls urls;

    Terminal terminal = new Terminal();

    @Override
    public Integer call() {
        QueryClient query = new QueryClient(urls.queryUrl);
        try {
            if (metadata) {
                Revision revision = query.asOf().getRevisionAsOf(AsOfResourceApi.APIGetRevisionAsOfRequest
                        .newBuilder().key(articleKey).t(time.atOffset(ZoneOffset.UTC)).knownAt(offset(knownAt)).build());
                terminal.out.print(describe(revision));
            } else {
                // the exact bytes, whatever the terminal's charset
                terminal.out.writeBytes(query.asOfText(articleKey, time, knownAt));
            }
            terminal.out.flush();
            return 0;
        } catch (ApiException e) {
            return Failures.report(terminal.err, "as-of", urls.queryUrl, e);
        }
    }

    static String describe(Revision revision) {
        StringBuilder out = new StringBuilder();
        out.append("article   ").append(revision.getArticleKey()).append(" \u2014 ").append(revision.getTitle())
                .append('\n');
        out.append("revision  ").append(revision.getRevSeq()).append('\n');
        out.append("edited    ").append(revision.getRevTimestamp() == null ? "" : revision.getRevTimestamp()
                .toInstant()).append('\n');
        out.append("author    ").append(revision.getAuthor() == null ? "" : revision.getAuthor().getUserText())
                .append('\n');
        out.append("comment   ").append(revision.getComment() == null ? "" : revision.getComment()).append('\n');
        out.append("sha1      ").append(revision.getRevSha1()).append(" (").append(revision.getRevLen())
                .append(" bytes)\n");
        if (revision.getRevert() != null) {
            out.append("reverts   to revision ").append(revision.getRevert().getRestoredRevSeq()).append('\n');
        }
        if (revision.getHidden() != null && !revision.getHidden().isEmpty()) {
            out.append("hidden    ").append(String.join(", ", revision.getHidden())).append('\n');
        }
        return out.toString();
    }

    /** An instant as the generated client takes a date-time parameter; null stays null (the parameter is left out). */
    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** ISO instants, offsets, plain dates (their first instant, UTC), and {@code now}. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if (value.equalsIgnoreCase("now")) {
                return Instant.now();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notAnOffsetTime) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not an instant such as"
                            + " 2024-06-01T00:00:00Z, a date such as 2024-06-01, or now");
                }
            }
        }
    }
}
