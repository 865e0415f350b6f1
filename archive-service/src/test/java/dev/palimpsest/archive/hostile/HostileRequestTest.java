package dev.palimpsest.archive.hostile;

import dev.palimpsest.archive.ArchiveProblem;
import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.Topics;
import dev.palimpsest.problem.HttpProblem;
import dev.palimpsest.problem.ProblemKind;
import dev.palimpsest.problem.testing.HttpOnTheWire;
import dev.palimpsest.problem.testing.ProblemAnswers;
import dev.palimpsest.problem.testing.RequestNotation;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The catalogue of hostile and bad requests to archive-service's HTTP API (the admin views and the verification of
 * an article's chain), against the real stack, through the real HTTP server: every case is refused with its own
 * problem type, names no internals, and the archive stores nothing (the end offsets of the archived and dead-letter
 * topics, where everything the archive stores is announced, are the same before and after). Each request carries an
 * administrator's token: the bad request, not the caller, is refused.
 * <p>
 * Most cases are refused by the HTTP layer before any resource of ours runs: Vert.x's HTTP/1.x codec (a request
 * line over {@code quarkus.http.limits.max-initial-line-length}, headers over {@code max-header-size}, what it
 * cannot parse), Quarkus's check of URIs and of the announced body size ({@code quarkus.http.limits.max-body-size}:
 * no endpoint here reads a body), the router and the REST layer's matching. They are sent byte for byte on a socket
 * ({@link HttpOnTheWire}; HTTP clients refuse to send most of them); a HEAD request gets the same status and content
 * type without a body.
 * <p>
 * One line per case: {@code name | method | target | header | status | problem slug}, in the notation of
 * {@link RequestNotation}; {@code RAW} as the method sends the target as the whole request, as written.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class HostileRequestTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", maxCharsPerColumn = -1, textBlock = """
            # ---- the archive's own refusals
            key with a space              | GET  | /articles/a%20b/verification | - | 400 | invalid-article-key
            key of 300 characters         | GET  | /articles/${k*300}/verification | - | 400 | invalid-article-key
            unknown article               | GET  | /articles/hostile-no-such-article/verification | - | 404 | article-not-found
            dead letters, limit a word    | GET  | /admin/dead-letters?limit=abc | - | 400 | invalid-parameter
            # ---- Vert.x's codec: too long, too large, not HTTP
            article key of 20,000 bytes   | GET  | /articles/${k*20000}/verification | - | 414 | uri-too-long
            admin query of 20,000 bytes   | GET  | /admin/dead-letters?limit=${1*20000} | - | 414 | uri-too-long
            header of 30 KB               | GET  | /admin/dead-letters | X-Padding: ${h*30000} | 431 | header-fields-too-large
            HEAD with a header of 30 KB   | HEAD | /admin/dead-letters | X-Padding: ${h*30000} | 431 | header-fields-too-large
            malformed request line        | RAW  | GET /admin/dead-letters extra HTTP/1.1\\x0D\\x0AHost: x\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            space in a header name        | RAW  | GET /admin/dead-letters HTTP/1.1\\x0D\\x0AHost: x\\x0D\\x0ABad Header: y\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            TLS hello on the HTTP port    | RAW  | \\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            # ---- Quarkus's checks: URI, Host, announced body size
            invalid percent-encoding      | GET  | /articles/%zz/verification | - | 400 | bad-request
            invalid encoding in the query | GET  | /admin/dead-letters?limit=%zz | - | 400 | bad-request
            HTTP/1.1 without Host         | RAW  | GET /admin/dead-letters HTTP/1.1\\x0D\\x0AConnection: close\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            body announced over 64 KiB    | POST | /articles/any/verification | Content-Length: 65537 | 413 | payload-too-large
            # ---- the router and the REST layer's matching
            unknown path                  | GET  | /no-such-path | - | 404 | not-found
            HEAD of an unknown path       | HEAD | /no-such-path | - | 404 | not-found
            POST on a verification        | POST | /articles/any/verification | - | 405 | method-not-allowed
            DELETE on the dead letters    | DELETE | /admin/dead-letters | - | 405 | method-not-allowed
            verification as an image      | GET  | /articles/any/verification | Accept: image/png | 406 | not-acceptable
            """)
    void isRefusedWithItsProblemAndNothingIsStored(String name, String method, String target, String header,
                                                   int status, String slug) {
        ProblemKind kind = ProblemAnswers.kind(slug, List.of(ArchiveProblem.values()), List.of(HttpProblem.values()));
        assertEquals(kind.status(), status, "the table's status is the kind's own");
        long before = announced();

        byte[] request;
        if ("RAW".equals(method)) {
            request = RequestNotation.bytes(target, Map.of());
        } else {
            List<byte[]> headers = new ArrayList<>();
            headers.add(("Authorization: Bearer " + TestTokens.admin()).getBytes(StandardCharsets.UTF_8));
            if (header != null) {
                headers.add(RequestNotation.bytes(header, Map.of()));
            }
            request = HttpOnTheWire.request(method, RequestNotation.text(target), headers, null);
        }
        HttpOnTheWire.Answer answer = HttpOnTheWire.exchange(RestAssured.port, request, "HEAD".equals(method));

        ProblemAnswers.assertProblem(answer, status, kind, "HEAD".equals(method));
        assertEquals(before, announced(), "nothing is stored");
    }

    /** Records on the topics where the archive announces all it stores: the archived revisions, the dead letters. */
    private static long announced() {
        EventLog log = new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        return log.count(Topics.REVISIONS_ARCHIVED) + log.count(Topics.REVISIONS_DLQ);
    }
}
