package dev.palimpsest.problem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What every refusal of bad input must be, checked on an answer read off the wire ({@link HttpOnTheWire}). */
public final class ProblemAnswers {

    /** A stack trace line, an exception's name or a fully qualified class name of ours or a library's. */
    public static final Pattern INTERNALS = Pattern.compile("Exception|\\tat |\\bat [a-z]+\\.[a-z]"
            + "|\\b(java|javax|jakarta|sun|com\\.fasterxml|dev\\.palimpsest|io\\.quarkus|io\\.vertx|io\\.netty"
            + "|io\\.smallrye|org\\.[a-z]+)\\.[A-Za-z]");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemAnswers() {
    }

    /**
     * {@code answer} is {@code status} with an {@code application/problem+json} body of {@code kind} naming no
     * internals; the answer to a HEAD request has the same status and content type, and no body.
     */
    public static void assertProblem(HttpOnTheWire.Answer answer, int status, ProblemKind kind, boolean head) {
        String shown = answer.status() + " " + answer.headers() + " " + answer.text();
        assertEquals(status, answer.status(), shown);
        assertEquals(Problem.MEDIA_TYPE, answer.header("Content-Type"), shown);
        if (head) {
            assertEquals(0, answer.body().length, "no body for HEAD: " + shown);
            return;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + shown, e);
        }
        assertEquals(kind.type(), problem.path("type").asText(), shown);
        assertEquals(kind.title(), problem.path("title").asText(), shown);
        assertEquals(status, problem.path("status").asInt(), shown);
        assertFalse(INTERNALS.matcher(answer.text()).find(), "names internals: " + shown);
    }

    /** The kind a slug names among {@code kinds}. */
    @SafeVarargs
    public static ProblemKind kind(String slug, List<? extends ProblemKind>... kinds) {
        return Stream.of(kinds).flatMap(List::stream).filter(kind -> kind.slug().equals(slug))
                .map(ProblemKind.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no problem kind '" + slug + "'"));
    }
}
