package dev.palimpsest.query.hostile;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.problem.HttpProblem;
import dev.palimpsest.problem.ProblemKind;
import dev.palimpsest.problem.testing.HttpOnTheWire;
import dev.palimpsest.problem.testing.ProblemAnswers;
import dev.palimpsest.problem.testing.RequestNotation;
import dev.palimpsest.query.ArchivedApiTest;
import dev.palimpsest.query.QueryProblem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The catalogue of hostile and bad input for reads, against the real read model: every case is refused with its
 * own problem type and names no internals.
 * <p>
 * One line per case: {@code name | path | header | status | problem slug}. {@code {key}} in the path is an article
 * archived for this test (revisions 1 and 2, edited in January 2019); the path is sent as written (no encoding by
 * the client), so {@code %2e%2e} reaches the server as such; {@code ${s*N}} is {@code s} repeated {@code N} times.
 * The header, if any, is {@code Name: value}. Cursors are base64url of what a cursor of another listing (or a
 * tampered one) would hold: {@code djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MQ} is
 * {@code v3|desc|||2019-01-01T00:00:00Z|1001|1}, a history cursor of the newest-first listing without a range;
 * {@code YTF8YXNjfFFRfFFYQndiR1V8YXpF} is an article-listing cursor for {@code prefix=A}.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class HostileQueryTest extends ArchivedApiTest {

    /** A stack trace line, an exception's name or a fully qualified class name of ours or a library's. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|\\tat |\\bat [a-z]+\\.[a-z]"
            + "|\\b(java|javax|jakarta|sun|com\\.fasterxml|dev\\.palimpsest|io\\.quarkus|io\\.vertx|io\\.netty"
            + "|io\\.smallrye|org\\.[a-z]+)\\.[A-Za-z]|PSQL|SQL state|ERROR:");

    private static String key;

    private static synchronized String article() {
        if (key == null) {
            key = uniqueArticleKey("hostile");
            archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "one\n"),
                    revision(key, 2, "2019-01-02T00:00:00Z", "two\n"));
        }
        return key;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", maxCharsPerColumn = -1, textBlock = """
            # ---- history
            history of an unknown article   | /articles/test:no-such-article/revisions                  | - | 404 | article-not-found
            limit zero                      | /articles/{key}/revisions?limit=0                         | - | 400 | invalid-parameter
            limit negative                  | /articles/{key}/revisions?limit=-5                        | - | 400 | invalid-parameter
            limit a word                    | /articles/{key}/revisions?limit=abc                       | - | 400 | invalid-parameter
            limit beyond long               | /articles/{key}/revisions?limit=99999999999999999999      | - | 400 | invalid-parameter
            limit a fraction                | /articles/{key}/revisions?limit=1.5                       | - | 400 | invalid-parameter
            order sideways                  | /articles/{key}/revisions?order=sideways                  | - | 400 | invalid-parameter
            order injection                 | /articles/{key}/revisions?order=%27%20OR%201%3D1%20--     | - | 400 | invalid-parameter
            from in words                   | /articles/{key}/revisions?from=yesterday                  | - | 400 | invalid-timestamp
            from a date only                | /articles/{key}/revisions?from=2019-01-01                 | - | 400 | invalid-timestamp
            to without a zone               | /articles/{key}/revisions?to=2019-01-01T00:00:00          | - | 400 | invalid-timestamp
            from February 30                | /articles/{key}/revisions?from=2019-02-30T00:00:00Z       | - | 400 | invalid-timestamp
            from with NUL                   | /articles/{key}/revisions?from=2019-01-01T00:00:00Z%00    | - | 400 | invalid-parameter
            from epoch seconds              | /articles/{key}/revisions?from=1546300800                 | - | 400 | invalid-timestamp
            from after to                   | /articles/{key}/revisions?from=2020-01-01T00:00:00Z&to=2019-01-01T00:00:00Z | - | 400 | invalid-time-range
            # ---- history cursors
            cursor garbage                  | /articles/{key}/revisions?cursor=!!!not-base64!!!         | - | 400 | invalid-cursor
            cursor tampered                 | /articles/{key}/revisions?cursor=djN8ZGVaY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MQ | - | 400 | invalid-cursor
            cursor of invalid UTF-8         | /articles/{key}/revisions?cursor=wK8                      | - | 400 | invalid-cursor
            cursor of another order         | /articles/{key}/revisions?order=asc&cursor=djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MQ | - | 400 | invalid-cursor
            cursor of another range         | /articles/{key}/revisions?cursor=djN8ZGVzY3wyMDE5LTAxLTAxVDAwOjAwOjAwWnwyMDIwLTAxLTAxVDAwOjAwOjAwWnwyMDE5LTAxLTAxVDAwOjAwOjAwWnwxMDAxfDE | - | 400 | invalid-cursor
            cursor of the article listing   | /articles/{key}/revisions?cursor=YTF8YXNjfFFRfFFYQndiR1V8YXpF | - | 400 | invalid-cursor
            cursor of an older version      | /articles/{key}/revisions?cursor=djJ8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MQ | - | 400 | invalid-cursor
            cursor at revision 0            | /articles/{key}/revisions?cursor=djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MA | - | 400 | invalid-cursor
            cursor with injection inside    | /articles/{key}/revisions?cursor=djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEnIE9SIDE9MSAtLXwx | - | 400 | invalid-cursor
            cursor at the end of time       | /articles/{key}/revisions?cursor=djN8ZGVzY3x8fCsxMDAwMDAwMDAwLTEyLTMxVDIzOjU5OjU5WnwxMDAxfDE | - | 400 | invalid-cursor
            cursor of 3000 characters       | /articles/{key}/revisions?cursor=${A*3000}                | - | 400 | invalid-cursor
            # ---- one revision
            revision zero                   | /articles/{key}/revisions/0                               | - | 400 | invalid-parameter
            revision negative               | /articles/{key}/revisions/-1                              | - | 400 | invalid-parameter
            revision a word                 | /articles/{key}/revisions/abc                             | - | 400 | invalid-parameter
            revision a fraction             | /articles/{key}/revisions/1.5                             | - | 400 | invalid-parameter
            revision beyond int             | /articles/{key}/revisions/99999999999                     | - | 400 | invalid-parameter
            revision with NUL               | /articles/{key}/revisions/1%00                            | - | 400 | invalid-parameter
            revision not archived           | /articles/{key}/revisions/99                              | - | 404 | revision-not-found
            revision of an unknown article  | /articles/test:no-such-article/revisions/1                | - | 404 | revision-not-found
            revision as XML                 | /articles/{key}/revisions/1                               | Accept: application/xml | 406 | not-acceptable
            # ---- as-of
            as-of without t                 | /articles/{key}/as-of                                     | - | 400 | invalid-timestamp
            as-of t in words                | /articles/{key}/as-of?t=now                               | - | 400 | invalid-timestamp
            as-of t a date only             | /articles/{key}/as-of?t=2019-01-01                        | - | 400 | invalid-timestamp
            as-of t RFC 1123                | /articles/{key}/as-of?t=Tue,%2001%20Jan%202019%2000:00:00%20GMT | - | 400 | invalid-timestamp
            as-of before the first edit     | /articles/{key}/as-of?t=1900-01-01T00:00:00Z              | - | 404 | no-revision-at-time
            as-of at the end of time        | /articles/{key}/as-of?t=%2B1000000000-12-31T23:59:59.999999999Z | - | 400 | invalid-timestamp
            as-of at the start of time      | /articles/{key}/as-of?t=-1000000000-01-01T00:00:00Z       | - | 400 | invalid-timestamp
            as-of in the year 10000         | /articles/{key}/as-of?t=%2B10000-01-01T00:00:00Z          | - | 400 | invalid-timestamp
            history to the year 0           | /articles/{key}/revisions?to=0000-01-01T00:00:00Z         | - | 400 | invalid-timestamp
            as-of knownAt in words          | /articles/{key}/as-of?t=2019-06-01T00:00:00Z&knownAt=then | - | 400 | invalid-timestamp
            as-of known before archiving    | /articles/{key}/as-of?t=2019-06-01T00:00:00Z&knownAt=2000-01-01T00:00:00Z | - | 404 | no-revision-at-time
            as-of of an unknown article     | /articles/test:no-such-article/as-of?t=2019-06-01T00:00:00Z | - | 404 | article-not-found
            # ---- knownAt on the other reads
            history knownAt in words        | /articles/{key}/revisions?knownAt=then                    | - | 400 | invalid-timestamp
            history knownAt year 10000      | /articles/{key}/revisions?knownAt=%2B10000-01-01T00:00:00Z | - | 400 | invalid-timestamp
            history known before archiving  | /articles/{key}/revisions?knownAt=2000-01-01T00:00:00Z    | - | 404 | article-not-found
            history cursor of a knownAt     | /articles/{key}/revisions?cursor=djR8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MXwyMDI2LTAxLTAxVDAwOjAwOjAwWg | - | 400 | invalid-cursor
            revision known before archiving | /articles/{key}/revisions/1?knownAt=2000-01-01T00:00:00Z  | - | 404 | revision-not-yet-archived
            diff known before archiving     | /articles/{key}/diff?from=1&to=2&knownAt=2000-01-01T00:00:00Z | - | 404 | revision-not-yet-archived
            timemap knownAt in words        | /articles/{key}/timemap?knownAt=then                      | - | 400 | invalid-timestamp
            listing knownAt in words        | /articles?knownAt=then                                    | - | 400 | invalid-timestamp
            title knownAt in words          | /titles?title=x&knownAt=then                              | - | 400 | invalid-timestamp
            # ---- diff
            diff without sides              | /articles/{key}/diff                                      | - | 400 | invalid-parameter
            diff from zero                  | /articles/{key}/diff?from=0&to=2                          | - | 400 | invalid-parameter
            diff from a word                | /articles/{key}/diff?from=abc&to=2                        | - | 400 | invalid-parameter
            diff to not archived            | /articles/{key}/diff?from=1&to=99                         | - | 404 | revision-not-found
            diff from a bad instant         | /articles/{key}/diff?from=@garbage&to=2                   | - | 400 | invalid-timestamp
            diff from before the first edit | /articles/{key}/diff?from=@1900-01-01T00:00:00Z&to=2      | - | 404 | no-revision-at-time
            diff granularity sentence       | /articles/{key}/diff?from=1&to=2&granularity=sentence     | - | 400 | invalid-parameter
            diff format pdf                 | /articles/{key}/diff?from=1&to=2&format=pdf               | - | 400 | invalid-parameter
            diff context negative           | /articles/{key}/diff?from=1&to=2&format=unified&context=-1 | - | 400 | invalid-parameter
            diff context too large          | /articles/{key}/diff?from=1&to=2&format=unified&context=1000001 | - | 400 | invalid-parameter
            diff of an unknown article      | /articles/test:no-such-article/diff?from=1&to=2           | - | 404 | revision-not-found
            diff to parent of a word        | /articles/{key}/revisions/abc/diff                        | - | 400 | invalid-parameter
            diff to parent not archived     | /articles/{key}/revisions/99/diff                         | - | 404 | revision-not-found
            # ---- article listing
            prefix of 256 characters        | /articles?prefix=${x*256}                                 | - | 400 | invalid-parameter
            prefix with NUL                 | /articles?prefix=a%00b                                    | - | 400 | invalid-parameter
            listing limit zero              | /articles?limit=0                                         | - | 400 | invalid-parameter
            listing limit a word            | /articles?limit=all                                       | - | 400 | invalid-parameter
            listing order up                | /articles?order=up                                        | - | 400 | invalid-parameter
            listing cursor garbage          | /articles?cursor=%3Cscript%3E                             | - | 400 | invalid-cursor
            listing cursor of another prefix | /articles?prefix=B&cursor=YTF8YXNjfFFRfFFYQndiR1V8YXpF   | - | 400 | invalid-cursor
            listing cursor of another order | /articles?prefix=A&order=desc&cursor=YTF8YXNjfFFRfFFYQndiR1V8YXpF | - | 400 | invalid-cursor
            listing cursor of a history     | /articles?cursor=djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MQ | - | 400 | invalid-cursor
            # ---- Memento TimeGate and TimeMap
            Accept-Datetime in words        | /articles/{key}/timegate                                  | Accept-Datetime: yesterday | 400 | invalid-accept-datetime
            Accept-Datetime in ISO 8601     | /articles/{key}/timegate                                  | Accept-Datetime: 2019-01-01T00:00:00Z | 400 | invalid-accept-datetime
            Accept-Datetime wrong weekday   | /articles/{key}/timegate                                  | Accept-Datetime: Mon, 01 Jan 2019 00:00:00 GMT | 400 | invalid-accept-datetime
            Accept-Datetime February 30     | /articles/{key}/timegate                                  | Accept-Datetime: Sat, 30 Feb 2019 00:00:00 GMT | 400 | invalid-accept-datetime
            Accept-Datetime injection       | /articles/{key}/timegate                                  | Accept-Datetime: ' OR 1=1 -- | 400 | invalid-accept-datetime
            TimeGate of an unknown article  | /articles/test:no-such-article/timegate                   | - | 404 | article-not-found
            TimeMap of an unknown article   | /articles/test:no-such-article/timemap                    | - | 404 | article-not-found
            TimeMap limit zero              | /articles/{key}/timemap?limit=0                           | - | 400 | invalid-parameter
            TimeMap cursor garbage          | /articles/{key}/timemap?cursor=garbage                    | - | 400 | invalid-cursor
            TimeMap cursor of a history     | /articles/{key}/timemap?cursor=djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDF8MQ | - | 400 | invalid-cursor
            # ---- slots
            slots of a word                 | /articles/{key}/revisions/abc/slots                       | - | 400 | invalid-parameter
            slots not archived              | /articles/{key}/revisions/99/slots                        | - | 404 | revision-not-found
            slot the revision lacks         | /articles/{key}/revisions/1/slots/mediainfo               | - | 404 | slot-not-found
            slot role traversal             | /articles/{key}/revisions/1/slots/..%2F..%2Fetc%2Fpasswd  | - | 404 | slot-not-found
            slot role injection             | /articles/{key}/revisions/1/slots/%27%20OR%201%3D1%20--   | - | 404 | slot-not-found
            slots of an unknown article     | /articles/test:no-such-article/revisions/1/slots          | - | 404 | revision-not-found
            # ---- keys and ids
            key dot-dot segment             | /articles/../revisions                                    | - | 404 | not-found
            key encoded dot-dot segment     | /articles/%2e%2e/revisions                                | - | 404 | not-found
            key encoded dot-dot traversal   | /articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd/revisions        | - | 404 | article-not-found
            key traversal, encoded slashes  | /articles/..%2F..%2Fetc%2Fpasswd/revisions                | - | 404 | article-not-found
            key SQL injection               | /articles/%27%20OR%201%3D1%20--/revisions                 | - | 404 | article-not-found
            key script tag                  | /articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E             | - | 404 | article-not-found
            key with NUL                    | /articles/a%00b/revisions                                 | - | 400 | invalid-parameter
            slot role with NUL              | /articles/{key}/revisions/1/slots/a%00b                   | - | 400 | invalid-parameter
            prefix with NUL as the only character | /articles?prefix=%00                        | - | 400 | invalid-parameter
            key of 1000 characters          | /articles/${k*1000}/revisions                             | - | 404 | article-not-found
            submission id not a UUID        | /articles/{key}/submissions/%27%20OR%201%3D1%20--         | - | 400 | invalid-parameter
            submission unknown              | /articles/{key}/submissions/00000000-0000-0000-0000-000000000000 | - | 404 | submission-not-archived
            title empty                     | /titles?title=                                            | - | 400 | invalid-parameter
            title unknown                   | /titles?title=%27%20OR%201%3D1%20--                       | - | 404 | title-not-found
            title with NUL                  | /titles?title=a%00b                                       | - | 400 | invalid-parameter
            """)
    void isRefusedWithItsProblem(String name, String path, String header, int status, String slug) {
        ProblemKind kind = kind(slug);
        assertEquals(kind.status(), status, "the table's status is the kind's own");

        RequestSpecification request = given().urlEncodingEnabled(false).redirects().follow(false);
        if (header != null) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        Response response = request.when().get(RequestNotation.text(path.replace("{key}", article())));

        String answer = response.asString();
        assertEquals(status, response.statusCode(), answer);
        assertEquals(PROBLEM_JSON, response.contentType(), answer);
        assertEquals(kind.type(), response.path("type"), answer);
        assertEquals(status, (int) response.path("status"), answer);
        assertFalse(INTERNALS.matcher(answer).find(), "names internals: " + answer);
    }

    /**
     * What the HTTP layer refuses before any resource of ours runs: Vert.x's HTTP/1.x codec (a request line over
     * {@code quarkus.http.limits.max-initial-line-length}, headers over {@code max-header-size}, what it cannot
     * parse), Quarkus's check of URIs and of the announced body size ({@code quarkus.http.limits.max-body-size}: no
     * endpoint here reads a body), the router and the REST layer's matching (unknown path, method, media type). Each
     * is sent byte for byte on a socket ({@link HttpOnTheWire}; HTTP clients refuse to send most of these) and is
     * answered with the HTTP layer's problem; a HEAD request gets the same status and content type without a body.
     * The service reads: it has nothing to store, and the read model is left as it was (the article's history).
     * <p>
     * One line per case: {@code name | method | target | header | status | problem slug}, in the notation of
     * {@link RequestNotation}; {@code RAW} as the method sends the target as the whole request, as written.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", maxCharsPerColumn = -1, textBlock = """
            # ---- Vert.x's codec: too long, too large, not HTTP
            article key of 20,000 bytes   | GET  | /articles/${k*20000}/revisions | - | 414 | uri-too-long
            as-of query of 20,000 bytes   | GET  | /articles/{key}/as-of?t=${1*20000} | - | 414 | uri-too-long
            header of 30 KB               | GET  | /articles/{key}/revisions | X-Padding: ${h*30000} | 431 | header-fields-too-large
            HEAD with a header of 30 KB   | HEAD | /articles/{key}/revisions | X-Padding: ${h*30000} | 431 | header-fields-too-large
            Accept-Datetime of 30 KB      | GET  | /articles/{key}/timegate | Accept-Datetime: ${x*30000} | 431 | header-fields-too-large
            malformed request line        | RAW  | GET /articles extra HTTP/1.1\\x0D\\x0AHost: x\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            space in a header name        | RAW  | GET /articles HTTP/1.1\\x0D\\x0AHost: x\\x0D\\x0ABad Header: y\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            TLS hello on the HTTP port    | RAW  | \\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            # ---- Quarkus's checks: URI, Host, announced body size
            invalid percent-encoding      | GET  | /articles/%zz/revisions | - | 400 | bad-request
            truncated percent-encoding    | GET  | /articles/{key}/revisions/1%2 | - | 400 | bad-request
            invalid encoding in the query | GET  | /articles?prefix=%zz | - | 400 | bad-request
            HTTP/1.1 without Host         | RAW  | GET /articles HTTP/1.1\\x0D\\x0AConnection: close\\x0D\\x0A\\x0D\\x0A | - | 400 | bad-request
            body announced over 64 KiB    | POST | /articles | Content-Length: 65537 | 413 | payload-too-large
            # ---- the router and the REST layer's matching
            unknown path                  | GET  | /no-such-path | - | 404 | not-found
            HEAD of an unknown path       | HEAD | /no-such-path | - | 404 | not-found
            POST on the title search      | POST | /titles?title=x | - | 405 | method-not-allowed
            DELETE on the article list    | DELETE | /articles | - | 405 | method-not-allowed
            POST on a history             | POST | /articles/{key}/revisions | - | 404 | not-found
            revision as an image          | GET  | /articles/{key}/revisions/1 | Accept: image/png | 406 | not-acceptable
            """)
    void isRefusedByTheHttpLayerWithItsProblem(String name, String method, String target, String header, int status,
                                               String slug) {
        ProblemKind kind = kind(slug);
        assertEquals(kind.status(), status, "the table's status is the kind's own");
        String history = given().get("/articles/{key}/revisions", article()).then().statusCode(200)
                .extract().asString();

        byte[] request = "RAW".equals(method) ? RequestNotation.bytes(target, Map.of())
                : HttpOnTheWire.request(method, RequestNotation.text(target.replace("{key}", article())),
                header == null ? List.of() : List.of(RequestNotation.bytes(header, Map.of())), null);
        HttpOnTheWire.Answer answer = HttpOnTheWire.exchange(RestAssured.port, request, "HEAD".equals(method));

        ProblemAnswers.assertProblem(answer, status, kind, "HEAD".equals(method));
        assertEquals(history, given().get("/articles/{key}/revisions", article()).then().statusCode(200)
                .extract().asString(), "the read model is as it was");
    }

    /** The problem kind a slug names: one of query-service's own, or one of the HTTP layer's. */
    private static ProblemKind kind(String slug) {
        return Stream.<ProblemKind>concat(Stream.of(QueryProblem.values()), Stream.of(HttpProblem.values()))
                .filter(kind -> kind.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem kind '" + slug + "'"));
    }
}
