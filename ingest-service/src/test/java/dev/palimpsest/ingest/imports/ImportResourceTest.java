package dev.palimpsest.ingest.imports;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports of real MediaWiki exports against a real Kafka: what is published, what is refused. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class ImportResourceTest {

    /** Every request of this class as a writer would send it; the refusals of other callers are AuthenticationTest's. */
    @BeforeEach
    void asWriter() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.writer()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }


    private static final Path WIKI = Path.of(System.getProperty("user.dir")).resolve("../data/wiki").normalize();

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static ExtractableResponse<Response> importFile(byte[] body) {
        return given().contentType("application/octet-stream").body(body).when().post("/imports").then().extract();
    }

    private static ExtractableResponse<Response> awaitFinished(String importId) {
        return await().atMost(Duration.ofSeconds(120)).until(
                () -> given().get("/imports/{id}", importId).then().statusCode(200).extract(),
                report -> !"PUBLISHING".equals(report.path("state")));
    }

    @Test
    void aSchema011ExportIsPublishedRevisionByRevisionHiddenPartsKeptHidden() throws IOException {
        long before = log().count(Topics.REVISIONS_SUBMITTED);
        ExtractableResponse<Response> accepted =
                importFile(Files.readAllBytes(WIKI.resolve("simplewiki_sample_suppressed_revs_schema0.11.xml")));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String importId = accepted.path("importId");
        assertEquals("/imports/" + importId, java.net.URI.create(accepted.header("Location")).getPath());
        assertEquals(33, (int) accepted.path("revisions"));

        ExtractableResponse<Response> report = awaitFinished(importId);
        assertEquals("COMPLETED", report.path("state"));
        int published = report.path("published");
        assertEquals(33, published, "every revision, hidden ones too");
        assertEquals(0, (int) report.path("rejected"));
        assertEquals(before + published, log().count(Topics.REVISIONS_SUBMITTED));

        List<RevisionSubmitted> events = log().readAll(Topics.REVISIONS_SUBMITTED,
                        new EventDeserializer.SubmittedEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(RevisionSubmitted.class::isInstance).map(RevisionSubmitted.class::cast)
                .filter(e -> e.source() != null && importId.equals(e.source().importId())).toList();
        assertEquals(published, events.size());
        RevisionSubmitted blanked = events.stream().filter(e -> e.provenance().revId() == 360821L).findFirst()
                .orElseThrow();
        assertEquals("simplewiki:45046", blanked.articleKey());
        assertEquals("", blanked.mainText().string(), "an empty revision is published as empty text");
        assertEquals("rev:360821", blanked.idempotencyKey());
        assertEquals(266092L, blanked.provenance().revParentId());
        assertEquals("phoiac9h4m842xq45sp7s6u21eteeq1", blanked.source().revSha1Base36());
        assertEquals("simplewiki", blanked.source().database());
        assertEquals(2, blanked.source().pageNamespace());
        assertTrue(blanked.visibility().performerHidden(), "its contributor is hidden at the source");
        assertEquals(null, blanked.provenance().performer());

        List<RevisionSubmitted> hiddenText = events.stream()
                .filter(e -> dev.palimpsest.events.Visibility.textHidden(e.visibility())).toList();
        assertTrue(!hiddenText.isEmpty(), "the sample hides some texts");
        assertTrue(hiddenText.stream().allMatch(e -> e.mainText().equals(MainText.HIDDEN)));
    }

    /** MediaWiki's base-36 sha1 (31 digits, zero padded), computed here independently of the service. */
    private static String base36(String text) {
        String digits = new java.math.BigInteger(1, sha1(text)).toString(36);
        return "0".repeat(31 - digits.length()) + digits;
    }

    private static byte[] sha1(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMultiContentRevisionKeepsItsOtherSlotsAndIsCheckedAgainstTheCombinedSha1() {
        String main = "A photo of a river.";
        String mediainfo = "{\"type\":\"mediainfo\",\"labels\":{\"en\":{\"value\":\"River\"}}}";
        // RevisionSlots::computeSha1: slots by role name (main < mediainfo), sha1(first + second) in base 36
        String combined = base36(base36(main) + base36(mediainfo));
        String revision = "<revision><id>%d</id><timestamp>2024-01-0%dT00:00:00Z</timestamp>"
                + "<contributor><username>U</username><id>1</id></contributor>"
                + "<model>wikitext</model><format>text/x-wiki</format><text bytes=\"19\">" + main + "</text>"
                + "<sha1>%s</sha1><content><role>mediainfo</role><origin>%d</origin>"
                + "<model>wikibase-mediainfo</model><format>application/json</format>"
                + "<text bytes=\"55\">" + mediainfo.replace("\"", "&quot;") + "</text></content></revision>";
        String dump = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">"
                + "<siteinfo><dbname>commonswiki</dbname></siteinfo><page><title>File:River.jpg</title><ns>6</ns>"
                + "<id>42</id>" + String.format(revision, 1, 1, combined, 1)
                + String.format(revision, 2, 2, base36(main), 2) + "</page></mediawiki>";

        ExtractableResponse<Response> accepted = importFile(dump.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String importId = accepted.path("importId");
        ExtractableResponse<Response> report = awaitFinished(importId);
        assertEquals(1, (int) report.path("published"));
        assertEquals(1, (int) report.path("rejected"), "the second revision's sha1 is the main slot's alone");
        assertTrue(report.path("rejections[0].reason").toString().contains("other slots do not match"));

        RevisionSubmitted event = log().readAll(Topics.REVISIONS_SUBMITTED,
                        new EventDeserializer.SubmittedEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(RevisionSubmitted.class::isInstance).map(RevisionSubmitted.class::cast)
                .filter(e -> e.source() != null && importId.equals(e.source().importId())).findFirst().orElseThrow();
        assertEquals(main, event.mainText().string());
        assertEquals(List.of(dev.palimpsest.events.ContentSlot.of("mediainfo", "wikibase-mediainfo",
                "application/json", mediainfo, false)), event.slots());
    }

    @Test
    void aCompressedFullHistoryDumpIsPublishedWhole() throws IOException {
        long before = log().count(Topics.REVISIONS_SUBMITTED);
        ExtractableResponse<Response> accepted =
                importFile(Files.readAllBytes(WIKI.resolve("aawiki-20260101-pages-meta-history.xml.bz2")));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        ExtractableResponse<Response> report = awaitFinished(accepted.path("importId"));
        assertEquals("COMPLETED", report.path("state"));
        assertEquals(507, (int) report.path("pages"));
        assertEquals(1307, (int) report.path("published") + (int) report.path("rejected"));
        assertEquals(before + (int) report.path("published"), log().count(Topics.REVISIONS_SUBMITTED));
        assertTrue((int) report.path("xmlBytes") > (int) report.path("bytes"), "decompressed while read");

        given().get("/imports?limit=1").then().statusCode(200)
                .body("[0].importId", equalTo(accepted.path("importId")));
    }

    @Test
    void manySmallRevisionsArePublishedWhole() {
        // thousands of small revisions fit the import's byte window at once; the sends in flight stay bounded too
        int revisions = 3000;
        StringBuilder dump = new StringBuilder("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\">"
                + "<siteinfo><dbname>smallwiki</dbname></siteinfo><page><title>Small</title><ns>0</ns><id>1</id>");
        for (int i = 1; i <= revisions; i++) {
            dump.append("<revision><id>").append(i).append("</id><timestamp>2020-01-01T00:00:00Z</timestamp>")
                    .append("<text xml:space=\"preserve\">revision ").append(i).append("</text></revision>");
        }
        dump.append("</page></mediawiki>");
        long before = log().count(Topics.REVISIONS_SUBMITTED);
        ExtractableResponse<Response> accepted = importFile(dump.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        ExtractableResponse<Response> report = awaitFinished(accepted.path("importId"));
        assertEquals("COMPLETED", report.path("state"), report.asString());
        assertEquals(revisions, (int) report.path("published"));
        assertEquals(before + revisions, log().count(Topics.REVISIONS_SUBMITTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><mediawiki>&x;</mediawiki>",
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><mediawiki>&b;</mediawiki>",
            "<html><body>not a dump</body></html>",
            "{\"title\": \"json\"}",
            ""})
    void aRefusedDocumentPublishesNothing(String body) {
        long before = log().count(Topics.REVISIONS_SUBMITTED);
        given().contentType("application/xml").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/invalid-dump"));
        assertEquals(before, log().count(Topics.REVISIONS_SUBMITTED));
    }

    @Test
    void aTruncatedDumpPublishesNothing() throws IOException {
        byte[] whole = Files.readAllBytes(WIKI.resolve("enwiki_Rio_Grande_history_2002-2007.xml"));
        long before = log().count(Topics.REVISIONS_SUBMITTED);
        ExtractableResponse<Response> refused = importFile(Arrays.copyOf(whole, whole.length * 3 / 4));
        assertEquals(400, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(before, log().count(Topics.REVISIONS_SUBMITTED));
    }

    @Test
    void badParametersAndUnknownImportsAreProblems() {
        given().contentType("application/xml").body("<mediawiki/>").queryParam("database", "../etc")
                .when().post("/imports").then().statusCode(400).body("type", endsWith("/problems/invalid-parameter"));
        given().get("/imports/{id}", "no-such-import").then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/problems/import-not-found"));
        given().get("/imports?limit=0").then().statusCode(400).contentType("application/problem+json");
    }
}
