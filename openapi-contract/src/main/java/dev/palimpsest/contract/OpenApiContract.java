package dev.palimpsest.contract;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.DiffResult;
import org.openapitools.openapidiff.core.output.ConsoleRender;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's API contract: the OpenAPI document committed under {@code openapi/} at the repository root, which
 * reviewers read and the {@code client} module is generated from. {@link #check} compares what the service serves
 * with it.
 *
 * <p>Any difference fails, so the committed file is always the truth: a <em>breaking</em> one (openapi-diff's
 * backward-incompatible changes: an operation, parameter, response or response field removed; a parameter or
 * request field newly required; an enum narrowed in a request or widened in a response; a type or format changed;
 * a media type removed) with the list of what breaks; any other (a new operation or optional field, descriptions,
 * examples) with a gentler message. Both name the one command that accepts the served document on purpose: run
 * with {@value #ACCEPT_PROPERTY}{@code =true}, the check rewrites the committed file instead of failing.
 */
public final class OpenApiContract {

    /** Set to {@code true} (e.g. {@code -Dpalimpsest.openapi.accept=true}) to rewrite the committed documents. */
    public static final String ACCEPT_PROPERTY = "palimpsest.openapi.accept";

    /** The command that re-accepts every service's contract, printed in each failure. */
    public static final String ACCEPT_COMMAND = "./mvnw -B verify -pl ingest-service,query-service -am"
            + " -Dtest='*OpenApiContractTest' -Dsurefire.failIfNoSpecifiedTests=false -D" + ACCEPT_PROPERTY + "=true";

    private static final int MAX_DIFF_LINES = 200;

    private OpenApiContract() {
    }

    /** What a comparison found. */
    public enum Verdict {
        /** Served and committed documents are the same text. */
        UNCHANGED,
        /** They differ, and no difference breaks a client built from the committed one. */
        COMPATIBLE,
        /** A client built from the committed document may break. */
        BREAKING
    }

    /**
     * The outcome of comparing a served document with the committed one.
     *
     * @param verdict what kind of difference there is
     * @param report  what changed, for people: openapi-diff's summary, then the text diff of the documents
     */
    public record Comparison(Verdict verdict, String report) {
    }

    /**
     * Fails (with {@link AssertionError}) when the served document differs from the committed one or breaks the
     * documentation rules ({@link OpenApiRules}); with {@value #ACCEPT_PROPERTY}{@code =true} it writes the served
     * document to {@code committed} instead, after the rules pass.
     */
    public static void check(String service, String served, Path contract) {
        Path committed = contract.toAbsolutePath().normalize();
        List<String> problems = OpenApiRules.check(parse(service + " (served)", served));
        if (!problems.isEmpty()) {
            throw new AssertionError(service + "'s OpenAPI document breaks the documentation rules ("
                    + problems.size() + "); fix the annotations:\n  - " + String.join("\n  - ", problems));
        }
        if (Boolean.getBoolean(ACCEPT_PROPERTY)) {
            write(committed, served);
            System.out.println("[openapi-contract] " + service + ": accepted the served document as " + committed);
            return;
        }
        if (!Files.isRegularFile(committed)) {
            throw new AssertionError(service + " has no committed OpenAPI contract at " + committed
                    + "; write it with:\n  " + ACCEPT_COMMAND);
        }
        Comparison comparison = compare(read(committed), served);
        switch (comparison.verdict()) {
            case UNCHANGED -> {
            }
            case COMPATIBLE -> throw new AssertionError(service + "'s API differs from the committed contract "
                    + committed + ", compatibly (no client breaks). Review the difference below; if it is meant,"
                    + " accept it, then commit the file:\n  " + ACCEPT_COMMAND + "\n\n" + comparison.report());
            case BREAKING -> throw new AssertionError("BREAKING CHANGE: " + service + "'s API is incompatible with"
                    + " the committed contract " + committed + ": clients generated from it may break. Restore"
                    + " the API, or, if the break is meant (and clients are updated), accept it and commit the"
                    + " file:\n  " + ACCEPT_COMMAND + "\n\n" + comparison.report());
        }
    }

    /** Compares two documents' texts: the committed one first, then the one now served. */
    public static Comparison compare(String committed, String served) {
        if (normalise(committed).equals(normalise(served))) {
            return new Comparison(Verdict.UNCHANGED, "");
        }
        ChangedOpenApi changes = OpenApiCompare.fromContents(committed, served);
        DiffResult result = changes.isChanged();
        List<String> removedFields = RemovedResponseFields.of(changes);
        Verdict verdict = result.isIncompatible() || !removedFields.isEmpty() ? Verdict.BREAKING : Verdict.COMPATIBLE;
        StringBuilder report = new StringBuilder();
        if (!removedFields.isEmpty()) {
            report.append("Response fields removed (clients reading them break; openapi-diff's summary below counts"
                            + " that as compatible, this check does not):\n  - ")
                    .append(String.join("\n  - ", removedFields)).append("\n\n");
        }
        if (result.isDifferent()) {
            report.append(render(changes)).append('\n');
        } else {
            report.append("No change to operations, parameters or schemas: only descriptions, examples or other"
                    + " documentation.\n\n");
        }
        report.append(textDiff(committed, served));
        return new Comparison(verdict, report.toString());
    }

    /** Parses a document, failing with swagger-parser's messages if it is not valid OpenAPI. */
    public static OpenAPI parse(String name, String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null || !messages.isEmpty()) {
            throw new AssertionError(name + " is not a valid OpenAPI document:\n  - "
                    + String.join("\n  - ", messages));
        }
        return result.getOpenAPI();
    }

    private static String render(ChangedOpenApi changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new ConsoleRender().render(changes, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String textDiff(String committed, String served) {
        List<String> before = normalise(committed).lines().toList();
        List<String> after = normalise(served).lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("committed", "served", before,
                DiffUtils.diff(before, after), 2);
        StringBuilder text = new StringBuilder("The documents' text:\n");
        lines.stream().limit(MAX_DIFF_LINES).forEach(line -> text.append(line).append('\n'));
        if (lines.size() > MAX_DIFF_LINES) {
            text.append("… ").append(lines.size() - MAX_DIFF_LINES).append(" more lines\n");
        }
        return text.toString();
    }

    /** Line endings and trailing blank lines are not part of the contract. */
    private static String normalise(String document) {
        return document.replace("\r\n", "\n").strip() + "\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String document) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, normalise(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
