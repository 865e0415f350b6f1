package dev.palimpsest.ingest.hostile;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.Roles;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.events.Topics;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.HttpProblem;
import dev.palimpsest.problem.ProblemKind;
import dev.palimpsest.problem.testing.HttpOnTheWire;
import dev.palimpsest.problem.testing.ProblemAnswers;
import dev.palimpsest.problem.testing.RequestNotation;
import io.restassured.RestAssured;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue of hostile and bad input for writes, against the real stack: every case is refused with its own
 * problem type, names no internals, and leaves the log of record as it was (the end offsets of
 * {@code palimpsest.revisions.submitted} before and after are equal). Bad input comes with a writer's token: it is
 * refused for what it is, not for who sent it; callers who may not write have their own table below.
 * <p>
 * One line per case: {@code name | method | path | Content-Type | body | status | problem slug}. The path is sent as
 * written (no encoding by the client), so {@code %2e%2e} reaches the server as such. Bodies use the notation of
 * {@link RequestNotation} ({@code \xHH} bytes, {@code ${s*N}} repetitions). What the HTTP layer refuses before
 * any resource runs, sent byte for byte on a socket, has a table of its own below.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class HostileInputTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String REVISIONS = "/articles/hostile-1/revisions";

    /** A stack trace line, an exception's name or a fully qualified class name of ours or a library's. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|\\tat |\\bat [a-z]+\\.[a-z]"
            + "|\\b(java|javax|jakarta|sun|com\\.fasterxml|dev\\.palimpsest|io\\.quarkus|io\\.vertx|io\\.netty"
            + "|io\\.smallrye|org\\.[a-z]+)\\.[A-Za-z]");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", maxCharsPerColumn = -1, textBlock = """
            # ---- submission: malformed and truncated JSON
            truncated object              | POST | /articles/hostile-1/revisions | application/json | {"title":"T","te | 400 | malformed-json
            lone brace                    | POST | /articles/hostile-1/revisions | application/json | {                | 400 | malformed-json
            bare string                   | POST | /articles/hostile-1/revisions | application/json | "text"           | 400 | malformed-json
            bare number                   | POST | /articles/hostile-1/revisions | application/json | 42               | 400 | malformed-json
            array of objects              | POST | /articles/hostile-1/revisions | application/json | [{"title":"T","text":"x"}] | 400 | malformed-json
            JSON null                     | POST | /articles/hostile-1/revisions | application/json | null             | 400 | malformed-json
            empty body                    | POST | /articles/hostile-1/revisions | application/json | -                | 400 | malformed-json
            whitespace body               | POST | /articles/hostile-1/revisions | application/json | `   `            | 400 | malformed-json
            comment in JSON               | POST | /articles/hostile-1/revisions | application/json | {/*c*/"title":"T","text":"x"} | 400 | malformed-json
            single quotes                 | POST | /articles/hostile-1/revisions | application/json | {'title':'T','text':'x'} | 400 | malformed-json
            NaN                           | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","sourceRevisionId":NaN} | 400 | malformed-json
            trailing second object        | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x"}{"title":"U","text":"y"} | 400 | malformed-json
            duplicate text field          | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","text":"y"} | 400 | malformed-json
            unknown field                 | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","admin":true} | 400 | malformed-json
            # ---- submission: wrong types
            text as object                | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":{"a":1}} | 400 | malformed-json
            text as array                 | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":["x"]} | 400 | malformed-json
            title as boolean              | POST | /articles/hostile-1/revisions | application/json | {"title":true,"text":"x"} | 400 | malformed-json
            revision id as string         | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","sourceRevisionId":"7"} | 400 | malformed-json
            revision id beyond long       | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","sourceRevisionId":99999999999999999999} | 400 | malformed-json
            revision id negative          | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","sourceRevisionId":-1} | 422 | invalid-revision
            timestamp as epoch number     | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":1546300800} | 400 | malformed-json
            # ---- submission: invalid UTF-8 and NUL
            lead byte then ASCII          | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"a\\xC3b"} | 400 | malformed-json
            overlong slash                | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"\\xC0\\xAF"} | 400 | malformed-json
            stray continuation byte       | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"\\x80"} | 400 | malformed-json
            raw NUL byte in string        | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"a\\x00b"} | 400 | malformed-json
            escaped NUL in text           | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"a\\u0000b"} | 422 | invalid-revision
            escaped NUL in author         | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","author":"\\u0000"} | 422 | invalid-revision
            escaped NUL in comment        | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","comment":"a\\u0000"} | 422 | invalid-revision
            bell in title                 | POST | /articles/hostile-1/revisions | application/json | {"title":"T\\u0007","text":"x"} | 422 | invalid-revision
            lone low surrogate in title   | POST | /articles/hostile-1/revisions | application/json | {"title":"\\udc00","text":"x"} | 422 | invalid-revision
            # ---- submission: empty, oversize and huge fields
            empty object                  | POST | /articles/hostile-1/revisions | application/json | {}               | 422 | invalid-revision
            blank title                   | POST | /articles/hostile-1/revisions | application/json | {"title":"   ","text":"x"} | 422 | invalid-revision
            title of 256 bytes            | POST | /articles/hostile-1/revisions | application/json | {"title":"${x*256}","text":"x"} | 422 | invalid-revision
            title of 86 CJK characters    | POST | /articles/hostile-1/revisions | application/json | {"title":"${佳*86}","text":"x"} | 422 | invalid-revision
            title of a megabyte           | POST | /articles/hostile-1/revisions | application/json | {"title":"${x*1048576}","text":"x"} | 422 | invalid-revision
            author of 256 bytes           | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","author":"${a*256}"} | 422 | invalid-revision
            comment of 1001 characters    | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","comment":"${c*1001}"} | 422 | invalid-revision
            body over the limit           | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"${x*BODY_LIMIT}"} | 413 | body-too-large
            # ---- submission: bad, ambiguous and future timestamps
            words                         | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"yesterday"} | 422 | invalid-timestamp
            no zone                       | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"2019-01-01T00:00:00"} | 422 | invalid-timestamp
            date only                     | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"2019-01-01"} | 422 | invalid-timestamp
            RFC 1123 date                 | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"Tue, 01 Jan 2019 00:00:00 GMT"} | 422 | invalid-timestamp
            February 30                   | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"2019-02-30T00:00:00Z"} | 422 | invalid-timestamp
            hour 25                       | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"2019-01-01T25:00:00Z"} | 422 | invalid-timestamp
            nanoseconds                   | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"2019-01-01T00:00:00.123456789Z"} | 422 | invalid-timestamp
            before the year 1             | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"0000-12-31T23:59:59Z"} | 422 | invalid-timestamp
            next century                  | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"2199-01-01T00:00:00Z"} | 422 | invalid-timestamp
            year 10000                    | POST | /articles/hostile-1/revisions | application/json | {"title":"T","text":"x","timestamp":"+10000-01-01T00:00:00Z"} | 422 | invalid-timestamp
            # ---- submission: path traversal and injection-looking keys
            dot-dot segment               | POST | /articles/../revisions | application/json | {"title":"T","text":"x"} | 404 | not-found
            encoded dot-dot segment       | POST | /articles/%2e%2e/revisions | application/json | {"title":"T","text":"x"} | 404 | not-found
            encoded dot-dot traversal     | POST | /articles/%2e%2e%2f%2e%2e%2fetc/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            encoded dot-dot slashes       | POST | /articles/..%2F..%2Fetc%2Fpasswd/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            SQL injection                 | POST | /articles/%27%20OR%201%3D1%20--/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            script tag                    | POST | /articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            NUL in key                    | POST | /articles/a%00b/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            newline in key                | POST | /articles/a%0D%0ASet-Cookie:x/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            key of 256 characters         | POST | /articles/${k*256}/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            key starting with a dash      | POST | /articles/-rm/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            non-ASCII key                 | POST | /articles/%E4%BD%B3/revisions | application/json | {"title":"T","text":"x"} | 400 | invalid-article-key
            # ---- submission: wrong content types
            plain text                    | POST | /articles/hostile-1/revisions | text/plain       | {"title":"T","text":"x"} | 415 | unsupported-media-type
            XML                           | POST | /articles/hostile-1/revisions | application/xml  | <r><title>T</title></r> | 415 | unsupported-media-type
            form                          | POST | /articles/hostile-1/revisions | application/x-www-form-urlencoded | title=T&text=x | 415 | unsupported-media-type
            multipart                     | POST | /articles/hostile-1/revisions | multipart/form-data; boundary=b | --b--           | 415 | unsupported-media-type
            # ---- redaction: bad revision numbers, bodies and reasons (nothing reaches the log)
            redaction of revision 0       | POST | /articles/hostile-1/revisions/0/redactions | application/json | {"reason":"r"} | 400 | invalid-parameter
            redaction of revision -1      | POST | /articles/hostile-1/revisions/-1/redactions | application/json | {"reason":"r"} | 400 | invalid-parameter
            redaction of revision 1.5     | POST | /articles/hostile-1/revisions/1.5/redactions | application/json | {"reason":"r"} | 400 | invalid-parameter
            redaction of revision beyond int | POST | /articles/hostile-1/revisions/99999999999/redactions | application/json | {"reason":"r"} | 400 | invalid-parameter
            redaction of revision abc     | POST | /articles/hostile-1/revisions/abc/redactions | application/json | {"reason":"r"} | 400 | invalid-parameter
            redaction SQL injection key   | POST | /articles/%27%20OR%201%3D1%20--/revisions/1/redactions | application/json | {"reason":"r"} | 400 | invalid-article-key
            redaction without body        | POST | /articles/hostile-1/revisions/1/redactions | application/json | -               | 400 | malformed-json
            redaction malformed JSON      | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason": | 400 | malformed-json
            redaction reason as number    | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":7} | 400 | malformed-json
            redaction unknown field       | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"r","performer":"root"} | 400 | malformed-json
            redaction duplicate reason    | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"r","reason":"s"} | 400 | malformed-json
            redaction invalid UTF-8       | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"\\xC0\\xAF"} | 400 | malformed-json
            redaction body of 20 KB       | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"${x*20000}"} | 413 | body-too-large
            redaction empty object        | POST | /articles/hostile-1/revisions/1/redactions | application/json | {}               | 422 | invalid-redaction
            redaction null reason         | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":null} | 422 | invalid-redaction
            redaction blank reason        | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":" \\t "} | 422 | invalid-redaction
            redaction reason of 501 chars | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"${r*501}"} | 422 | invalid-redaction
            redaction NUL in reason       | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"a\\u0000b"} | 422 | invalid-redaction
            redaction escape in reason    | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"a\\u001b[31m"} | 422 | invalid-redaction
            redaction lone surrogate      | POST | /articles/hostile-1/revisions/1/redactions | application/json | {"reason":"\\udc00"} | 422 | invalid-redaction
            redaction as plain text       | POST | /articles/hostile-1/revisions/1/redactions | text/plain | reason | 415 | unsupported-media-type
            # ---- import: XML with DTD, XXE, entity expansion
            external entity (XXE)         | POST | /imports | application/xml | <?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><mediawiki>&x;</mediawiki> | 400 | invalid-dump
            parameter entity (XXE)        | POST | /imports | application/xml | <?xml version="1.0"?><!DOCTYPE m [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]><mediawiki/> | 400 | invalid-dump
            external DTD                  | POST | /imports | application/xml | <?xml version="1.0"?><!DOCTYPE mediawiki SYSTEM "http://127.0.0.1:9/x.dtd"><mediawiki/> | 400 | invalid-dump
            billion laughs                | POST | /imports | application/xml | <?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]><mediawiki><page><title>&i;</title></page></mediawiki> | 400 | invalid-dump
            internal DTD only             | POST | /imports | application/xml | <?xml version="1.0"?><!DOCTYPE mediawiki [<!ELEMENT mediawiki ANY>]><mediawiki/> | 400 | invalid-dump
            undeclared entity             | POST | /imports | application/xml | <mediawiki><page><title>&x;</title></page></mediawiki> | 400 | invalid-dump
            # ---- import: not a dump, truncated, bad bytes
            empty upload                  | POST | /imports | application/xml | -               | 400 | invalid-dump
            whitespace upload             | POST | /imports | application/xml | `  `            | 400 | invalid-dump
            JSON upload                   | POST | /imports | application/json | {"title":"T","text":"x"} | 400 | invalid-dump
            HTML upload                   | POST | /imports | text/html | <html><body>no</body></html> | 400 | invalid-dump
            another root element          | POST | /imports | application/xml | <feed/>        | 400 | invalid-dump
            truncated inside a page       | POST | /imports | application/xml | <mediawiki><page><title>T</title><ns>0</ns><id>1</id><revision><id>1</id> | 400 | invalid-dump
            unclosed tags                 | POST | /imports | application/xml | <mediawiki><page> | 400 | invalid-dump
            NUL byte in the XML           | POST | /imports | application/xml | <mediawiki>\\x00</mediawiki> | 400 | invalid-dump
            invalid UTF-8 in the XML      | POST | /imports | application/xml | <mediawiki><page><title>\\xC3(</title></page></mediawiki> | 400 | invalid-dump
            binary garbage                | POST | /imports | application/octet-stream | \\x00\\x01\\x02\\xFF\\xFE\\xFD | 400 | invalid-dump
            gzip header then garbage      | POST | /imports | application/gzip | \\x1F\\x8B\\x08\\x00garbage | 400 | invalid-dump
            bzip2 header then garbage     | POST | /imports | application/x-bzip2 | BZh91AY&SYgarbage | 400 | invalid-dump
            xz header then garbage        | POST | /imports | application/x-xz | \\xFD7zXZ\\x00garbage | 400 | invalid-dump
            # ---- import: injection-looking parameters and bad reads
            SQL injection as database     | POST | /imports?database=%27%20OR%201%3D1%20-- | application/xml | <mediawiki/> | 400 | invalid-parameter
            script tag as database        | POST | /imports?database=%3Cscript%3E | application/xml | <mediawiki/> | 400 | invalid-parameter
            traversal as database         | POST | /imports?database=..%2F..%2Fetc | application/xml | <mediawiki/> | 400 | invalid-parameter
            unknown import                | GET  | /imports/00000000-0000-0000-0000-000000000000 | - | - | 404 | import-not-found
            injection as import id        | GET  | /imports/%27%20OR%201%3D1%20-- | - | - | 404 | import-not-found
            limit not a number            | GET  | /imports?limit=abc | - | - | 400 | invalid-parameter
            limit negative                | GET  | /imports?limit=-1 | - | - | 400 | invalid-parameter
            limit beyond int              | GET  | /imports?limit=99999999999999999999 | - | - | 400 | invalid-parameter
            """)
    void isRefusedWithItsProblemAndNothingIsPublished(String name, String method, String path, String contentType,
                                                      String body, int status, String slug) {
        ProblemKind kind = kind(slug);
        assertEquals(kind.status(), status, "the table's status is the kind's own");
        long before = publishedRecords();

        // redactions need an administrator; everything else a writer: the bad input, not the caller, is refused
        String token = path.contains("/redactions") ? TestTokens.admin() : TestTokens.writer();
        RequestSpecification request = given().urlEncodingEnabled(false).auth().oauth2(token);
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            request.body(body); // REST Assured encodes form bodies itself and takes only text for them
        } else if (body != null) {
            request.body(RequestNotation.bytes(body, Map.of("BODY_LIMIT", bodyLimit())));
        }
        Response response = request.when().request(method, RequestNotation.text(path));

        String answer = response.asString();
        assertEquals(status, response.statusCode(), answer);
        assertEquals(PROBLEM_JSON, response.contentType(), answer);
        assertEquals(kind.type(), response.path("type"), answer);
        assertEquals(status, (int) response.path("status"), answer);
        assertFalse(INTERNALS.matcher(answer).find(), "names internals: " + answer);
        assertEquals(before, publishedRecords(), "nothing is published");
    }

    /**
     * What the HTTP layer refuses before any resource of ours runs: Vert.x's HTTP/1.x codec (a request line over
     * {@code quarkus.http.limits.max-initial-line-length}, headers over {@code max-header-size}, what it cannot
     * parse), Quarkus's check of URIs and of the announced body size, the router and the REST layer's matching
     * (unknown path, method, media types). Each is sent byte for byte on a socket ({@link HttpOnTheWire}; HTTP
     * clients refuse to send most of these), with a writer's token, and is answered with the HTTP layer's problem;
     * a HEAD request gets the same status and content type without a body. Nothing is published.
     * <p>
     * One line per case: {@code name | method | target | header | body | status | problem slug}, in the notation of
     * {@link RequestNotation}; {@code RAW} as the method sends the target as the whole request, as written.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", maxCharsPerColumn = -1, textBlock = """
            # ---- Vert.x's codec: too long, too large, not HTTP
            article key of 20,000 bytes   | POST | /articles/${k*20000}/revisions | - | {"title":"T","text":"x"} | 414 | uri-too-long
            query of 20,000 bytes         | GET  | /imports?limit=${1*20000} | - | - | 414 | uri-too-long
            header of 30 KB               | POST | /articles/hostile-1/revisions | X-Padding: ${h*30000} | {"title":"T","text":"x"} | 431 | header-fields-too-large
            HEAD with a header of 30 KB   | HEAD | /imports | X-Padding: ${h*30000} | - | 431 | header-fields-too-large
            malformed request line        | RAW  | POST /articles/hostile-1/revisions extra HTTP/1.1\\x0D\\x0AHost: x\\x0D\\x0A\\x0D\\x0A | - | - | 400 | bad-request
            space in a header name        | RAW  | GET /imports HTTP/1.1\\x0D\\x0AHost: x\\x0D\\x0ABad Header: y\\x0D\\x0A\\x0D\\x0A | - | - | 400 | bad-request
            TLS hello on the HTTP port    | RAW  | \\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03\\x0D\\x0A\\x0D\\x0A | - | - | 400 | bad-request
            # ---- Quarkus's checks: URI, Host, announced body size
            invalid percent-encoding      | POST | /articles/%zz/revisions | - | {"title":"T","text":"x"} | 400 | bad-request
            truncated percent-encoding    | POST | /articles/a%2/revisions | - | {"title":"T","text":"x"} | 400 | bad-request
            invalid encoding in the query | GET  | /imports?limit=%zz | - | - | 400 | bad-request
            HTTP/1.1 without Host         | RAW  | GET /imports HTTP/1.1\\x0D\\x0AConnection: close\\x0D\\x0A\\x0D\\x0A | - | - | 400 | bad-request
            body announced over 64 GiB    | POST | /imports | Content-Length: 68719476737 | - | 413 | payload-too-large
            # ---- the router and the REST layer's matching
            unknown path                  | GET  | /no-such-path | - | - | 404 | not-found
            HEAD of an unknown path       | HEAD | /no-such-path | - | - | 404 | not-found
            PUT on the imports            | PUT  | /imports | - | - | 405 | method-not-allowed
            DELETE on revisions           | DELETE | /articles/hostile-1/revisions | - | - | 405 | method-not-allowed
            accepting only images         | GET  | /imports | Accept: image/png | - | 406 | not-acceptable
            submission as an image        | POST | /articles/hostile-1/revisions | Content-Type: image/png | x | 415 | unsupported-media-type
            """)
    void isRefusedByTheHttpLayerWithItsProblemAndNothingIsPublished(String name, String method, String target,
                                                                    String header, String body, int status,
                                                                    String slug) {
        ProblemKind kind = kind(slug);
        assertEquals(kind.status(), status, "the table's status is the kind's own");
        long before = publishedRecords();

        byte[] request;
        if ("RAW".equals(method)) {
            request = RequestNotation.bytes(target, Map.of());
        } else {
            List<byte[]> headers = new ArrayList<>();
            headers.add(("Authorization: Bearer " + TestTokens.writer()).getBytes(StandardCharsets.UTF_8));
            if (body != null && (header == null || !header.startsWith("Content-Type:"))) {
                headers.add("Content-Type: application/json".getBytes(StandardCharsets.UTF_8));
            }
            if (header != null) {
                headers.add(RequestNotation.bytes(header, Map.of()));
            }
            request = HttpOnTheWire.request(method, RequestNotation.text(target), headers,
                    RequestNotation.bytes(body, Map.of()));
        }
        HttpOnTheWire.Answer answer = HttpOnTheWire.exchange(RestAssured.port, request, "HEAD".equals(method));

        ProblemAnswers.assertProblem(answer, status, kind, "HEAD".equals(method));
        assertEquals(before, publishedRecords(), "nothing is published");
    }

    /**
     * Writes by callers who may not write: refused before the body is read, 401 (with a Bearer challenge) when the
     * caller is not authenticated, 403 when its valid token lacks the role; nothing is published either way. Reads
     * stay public, whatever token comes along.
     * <p>
     * One line per case: {@code name | method | path | body | credentials | status | problem slug}, credentials
     * being a kind of token ({@link #authorization}) sent as the {@code Authorization} header.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            # ---- submission
            no Authorization header       | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | none | 401 | unauthenticated
            empty bearer                  | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | empty-bearer | 401 | unauthenticated
            bearer of garbage             | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | garbage | 401 | unauthenticated
            expired token                 | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | expired | 401 | unauthenticated
            token of another issuer       | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | other-issuer | 401 | unauthenticated
            token signed by another key   | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | other-key | 401 | unauthenticated
            unsigned token (alg none)     | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | alg-none | 401 | unauthenticated
            signature cut off             | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | truncated | 401 | unauthenticated
            basic credentials             | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | basic | 401 | unauthenticated
            valid token without a role    | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | no-role | 403 | forbidden
            valid token of another role   | POST | /articles/hostile-1/revisions | {"title":"T","text":"x"} | reader | 403 | forbidden
            # ---- import
            import without a token        | POST | /imports | <mediawiki/> | none | 401 | unauthenticated
            import with an expired token  | POST | /imports | <mediawiki/> | expired | 401 | unauthenticated
            import without the role       | POST | /imports | <mediawiki/> | no-role | 403 | forbidden
            # ---- redaction: an administrator's operation
            redaction without a token     | POST | /articles/hostile-1/revisions/1/redactions | {"reason":"r"} | none | 401 | unauthenticated
            redaction by a writer         | POST | /articles/hostile-1/revisions/1/redactions | {"reason":"r"} | writer | 403 | forbidden
            redaction with an expired admin token | POST | /articles/hostile-1/revisions/1/redactions | {"reason":"r"} | expired-admin | 401 | unauthenticated
            """)
    void writesOfCallersWhoMayNotWriteAreRefusedAndNothingIsPublished(String name, String method, String path,
                                                                       String body, String credentials, int status,
                                                                       String slug) {
        ProblemKind kind = kind(slug);
        assertEquals(kind.status(), status, "the table's status is the kind's own");
        long before = publishedRecords();

        RequestSpecification request = given().urlEncodingEnabled(false)
                .contentType(path.startsWith("/imports") ? "application/xml" : "application/json").body(body);
        String authorization = authorization(credentials);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Response response = request.when().request(method, path);

        String answer = response.asString();
        assertEquals(status, response.statusCode(), answer);
        assertEquals(PROBLEM_JSON, response.contentType(), answer);
        assertEquals(kind.type(), response.path("type"), answer);
        assertEquals(status, (int) response.path("status"), answer);
        assertFalse(INTERNALS.matcher(answer).find(), "names internals: " + answer);
        if (status == 401) {
            assertTrue(response.header("WWW-Authenticate").startsWith("Bearer "), "a Bearer challenge");
        }
        assertEquals(before, publishedRecords(), "nothing is published");
    }

    /** The Authorization header for a kind of credentials, null for none. */
    private static String authorization(String credentials) {
        return switch (credentials) {
            case "none" -> null;
            case "empty-bearer" -> "Bearer ";
            case "garbage" -> "Bearer not.a.jwt";
            case "expired" -> "Bearer " + TestTokens.expired(Roles.WRITER);
            case "other-issuer" -> "Bearer " + TestTokens.fromIssuer("https://elsewhere.example", Roles.WRITER);
            case "other-key" -> "Bearer " + TestTokens.signedByAnotherKey(Roles.WRITER);
            case "alg-none" -> "Bearer " + unsigned(TestTokens.writer());
            case "truncated" -> {
                String token = TestTokens.writer();
                yield "Bearer " + token.substring(0, token.lastIndexOf('.') + 1);
            }
            case "basic" -> "Basic " + java.util.Base64.getEncoder().encodeToString("writer:writer".getBytes());
            case "no-role" -> "Bearer " + TestTokens.withRoles("test-nobody");
            case "reader" -> "Bearer " + TestTokens.withRoles("test-reader", "reader");
            case "writer" -> "Bearer " + TestTokens.writer();
            case "expired-admin" -> "Bearer " + TestTokens.expired(Roles.ADMIN);
            default -> throw new AssertionError("no credentials '" + credentials + "'");
        };
    }

    /** The same claims under {@code "alg":"none"} and without a signature: the classic downgrade. */
    private static String unsigned(String token) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** The problem kind a slug names: one of ingest-service's own, or one of the HTTP layer's. */
    private static ProblemKind kind(String slug) {
        return Stream.<ProblemKind>concat(Stream.of(IngestProblem.values()), Stream.of(HttpProblem.values()))
                .filter(kind -> kind.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem kind '" + slug + "'"));
    }

    private static long bodyLimit() {
        return ConfigProvider.getConfig().getValue("palimpsest.ingest.max-body-size", MemorySize.class).asLongValue();
    }

    private static long publishedRecords() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .count(Topics.REVISIONS_SUBMITTED);
    }
}
