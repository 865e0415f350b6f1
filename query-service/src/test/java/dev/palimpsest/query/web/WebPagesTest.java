package dev.palimpsest.query.web;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.query.ArchiveLog;
import dev.palimpsest.query.ArchivedApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's pages (ADR 0043) over the real read model: what each shows, that nothing a text or title holds
 * becomes markup, errors as pages with the API's status (and as the API's problem for a client not asking for HTML),
 * their own security policy, and that the API's document does not list them. The browser scenarios are in
 * e2e-tests ({@code ReaderWebUiTest}).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class WebPagesTest extends ArchivedApiTest {

    private static final String UI_POLICY = "default-src 'none'; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static Response page(String path, Object... parameters) {
        return given().accept("text/html").redirects().follow(false).get(path, parameters);
    }

    @Test
    void anArticlePageShowsItsLatestTextAndNothingInItBecomesMarkup() {
        String key = uniqueArticleKey("web-hostile");
        String hostileTitle = "<script>alert('title')</script> & \"quoted\"";
        archive(key, titled(revision(key, 1, "2019-01-01T00:00:00Z", "first\n"), hostileTitle),
                titled(revision(key, 2, "2019-02-01T00:00:00Z", "</pre><script>alert(1)</script>\n{braces}\n"),
                        hostileTitle));
        String html = page("/wiki/{key}", key).then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", UI_POLICY).extract().asString();
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("<pre class=\"text\" id=\"revision-text\">&lt;/pre&gt;&lt;script&gt;alert(1)"
                + "&lt;/script&gt;\n{braces}\n</pre>"), html);
        assertTrue(html.contains("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"
                + " · Palimpsest</title>"), html);
        assertTrue(html.contains("Editor 2"));
        assertTrue(html.contains("/articles/" + key + "/timemap"));
        // revision 1 is an older revision, with a link to what changed in revision 2's page
        page("/wiki/{key}/revisions/1", key).then().statusCode(200).body(containsString("An older revision"));
        assertTrue(html.contains("/compare?from=1&amp;to=2"), html);
    }

    @Test
    void theHistoryMarksRevertsDuplicatesAndHiddenPartsWithSizesAndTheirChanges() {
        String key = uniqueArticleKey("web-history");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "good text\n"),
                revision(key, 2, "2019-01-02T00:00:00Z", "vandalised\n"),
                revision(key, 3, "2019-01-03T00:00:00Z", "good text\n"),
                revision(key, 4, "2019-01-04T00:00:00Z", "good text\n"),
                ArchiveLog.hidden(key, 5, "2019-01-05T00:00:00Z"));
        String html = page("/wiki/{key}/history", key).then().statusCode(200).extract().asString();
        assertTrue(html.contains("reverts to revision 1"), html);
        assertTrue(html.contains("duplicate: same text as revision 3"), html);
        assertTrue(html.contains("text hidden at the source"), html);
        assertTrue(html.contains("<td class=\"num change shrank\">\u22121</td>"), "11 bytes to 10: " + html);
        // newest first, the two newest selected for comparison
        assertTrue(html.indexOf("id=\"rev-5\"") < html.indexOf("id=\"rev-1\""));
        assertTrue(html.contains("name=\"to\" value=\"5\" aria-label=\"Compare to revision 5\" checked"), html);
        assertTrue(html.contains("name=\"from\" value=\"4\" aria-label=\"Compare from revision 4\" checked"), html);

        // paged: two a page, the older page's first row's change counts from the revision on the next page
        String first = page("/wiki/{key}/history?limit=2", key).then().statusCode(200).extract().asString();
        String older = first.substring(first.indexOf("href=\"", first.indexOf("rel=\"next\"")) + 6);
        older = older.substring(0, older.indexOf('"')).replace("&amp;", "&");
        String second = given().accept("text/html").urlEncodingEnabled(false).get(older).then().statusCode(200).extract().asString();
        assertTrue(second.contains("id=\"rev-3\"") && second.contains("id=\"rev-2\"") && !second.contains("rev-4\""));
        assertTrue(second.contains("<td class=\"num change grew\">+1</td>"), "10 bytes to 11: " + second);
        // MediaWiki's other two links: newer (back to the newest two) and oldest (the oldest two)
        String newer = given().accept("text/html").urlEncodingEnabled(false).get(link(second, "Newer 2")).then()
                .statusCode(200).extract().asString();
        assertTrue(newer.contains("id=\"rev-5\"") && newer.contains("id=\"rev-4\"") && !newer.contains("rev-3\""),
                newer);
        String oldest = given().accept("text/html").urlEncodingEnabled(false).get(link(first, "Oldest")).then()
                .statusCode(200).extract().asString();
        assertTrue(oldest.contains("id=\"rev-2\"") && oldest.contains("id=\"rev-1\"") && !oldest.contains("rev-3\""),
                oldest);
        assertFalse(oldest.contains(">Oldest<") || oldest.contains(">Older 2<"), "the last page: " + oldest);
    }

    @Test
    void whoWroteThisColoursTheTextByAuthorWithALegendAndEscapesIt() {
        String key = uniqueArticleKey("web-who");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "The river <b>rises</b> in the mountains.\n"),
                revision(key, 2, "2019-01-02T00:00:00Z",
                        "The river <b>rises</b> in the mountains.\n\nIt flows & floods.\n"));
        String html = page("/wiki/{key}/who", key).then().statusCode(200).header("Content-Security-Policy", UI_POLICY)
                .extract().asString();
        assertTrue(html.contains("<pre class=\"text who\" id=\"who-text\"><span class=\"author-0\" title=\"Editor 1,"
                + " revision 1, "), html);
        assertTrue(html.contains("The river &lt;b&gt;rises&lt;/b&gt; in the mountains.\n\n</span><span"
                + " class=\"author-1\" title=\"Editor 2, revision 2, "), html);
        assertTrue(html.contains(">It flows &amp; floods.\n</span></pre>"), html);
        assertFalse(html.contains("<b>rises"), html);
        // the legend: Editor 1 wrote 14 tokens (The river < b > rises < / b > in the mountains .), Editor 2 five
        assertTrue(html.indexOf("</span>Editor 1</td>") < html.indexOf("</span>Editor 2</td>"), html);
        assertTrue(html.contains("<td class=\"num\">14</td>") && html.contains("<td class=\"num\">5</td>"), html);
        page("/wiki/{key}/revisions/1/who", key).then().statusCode(200).body(containsString("Revision 1"));
        page("/wiki/{key}", key).then().statusCode(200).body(containsString("href=\"/wiki/" + key + "/who\""));
        page("/wiki/{key}/revisions/9/who", key).then().statusCode(404).contentType(startsWith("text/html"));
    }

    /** The target of the first link reading {@code text} in {@code html}, as a browser would follow it. */
    private static String link(String html, String text) {
        int at = html.indexOf(">" + text + "</a>");
        assertTrue(at > 0, text + " in " + html);
        int href = html.lastIndexOf("href=\"", at) + 6;
        return html.substring(href, html.indexOf('"', href)).replace("&amp;", "&");
    }

    @Test
    void compareOrdersItsSidesAndMarksWordsAndLeftOutFromMeansThePreviousRevision() {
        String key = uniqueArticleKey("web-compare");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "The river runs south.\n"),
                revision(key, 2, "2019-01-02T00:00:00Z", "The river runs east.\n"),
                revision(key, 3, "2019-01-03T00:00:00Z", "The great river runs east.\n"));
        String swapped = page("/wiki/{key}/compare?from=3&to=1", key).then().statusCode(200).extract().asString();
        assertTrue(swapped.contains("differences between revisions 1 and 3"), swapped);
        assertTrue(swapped.contains("<del class=\"diff-del\">south</del>"), swapped);
        assertTrue(swapped.contains("<ins class=\"diff-ins\">great </ins>"), swapped);
        String previous = page("/wiki/{key}/compare?to=2", key).then().statusCode(200).extract().asString();
        assertTrue(previous.contains("differences between revisions 1 and 2"), previous);
        assertTrue(previous.contains("Newer edit"), previous);
        String firstOne = page("/wiki/{key}/compare?to=1", key).then().statusCode(200).extract().asString();
        assertTrue(firstOne.contains("revision 1, the first"), firstOne);
        assertFalse(firstOne.contains("Older edit"), firstOne);
        // by instants, as the diff API names sides
        page("/wiki/{key}/compare?from=@2019-01-01T12:00:00Z&to=@2030-01-01T00:00:00Z", key).then().statusCode(200)
                .body(containsString("differences between revisions 1 and 3"));
    }

    @Test
    void theTimelineNamesAMomentAndItsStopsRedirectToOne() {
        String key = uniqueArticleKey("web-timeline");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "one\n"),
                revision(key, 2, "2019-06-01T00:00:00Z", "two\n"),
                revision(key, 3, "2020-01-01T00:00:00Z", "three\n"));
        String html = page("/wiki/{key}/timeline?t=2019-07-01T00:00:00Z", key).then().statusCode(200).extract()
                .asString();
        assertTrue(html.contains("max=\"2\" step=\"1\" value=\"1\""), html);
        assertTrue(html.contains(">two\n</pre>"), html);
        assertTrue(html.contains("<script src=\"/ui/timeline.js\" defer></script>"));
        // no JavaScript: the form's stop answers with the page of that stop's moment
        page("/wiki/{key}/timeline?stop=0", key).then().statusCode(303)
                .header("Location", containsString("/wiki/" + key + "/timeline?t=2019-01-01T00%3A00%3A00Z"));
        // the script's fragment: the revision alone
        String fragment = page("/wiki/{key}/timeline?stop=2&fragment=true", key).then().statusCode(200).extract()
                .asString();
        assertTrue(fragment.startsWith("<div id=\"timeline-revision\" data-t=\"2020-01-01T00:00:00Z\""), fragment);
        assertTrue(fragment.contains(">three\n</pre>") && !fragment.contains("<html"), fragment);
        // before the first revision: a notice, not an error
        page("/wiki/{key}/timeline?t=2000-01-01T00:00:00Z", key).then().statusCode(200)
                .body(containsString("its first is from 2019-01-01 00:00 UTC"));
        page("/wiki/{key}/timeline?stop=3", key).then().statusCode(400).contentType(startsWith("text/html"));
        page("/ui/timeline.js").then().statusCode(200).header("Content-Security-Policy", UI_POLICY);
    }

    @Test
    void errorsArePagesWithTheApisStatusOrTheApisProblemForAClientNotAskingForHtml() {
        page("/wiki/{key}", uniqueArticleKey("absent")).then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("<h1>Article not found</h1>"));
        given().accept("application/problem+json").get("/wiki/{key}", uniqueArticleKey("absent")).then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("/article-not-found"));
        String key = uniqueArticleKey("web-errors");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "x\n"));
        page("/wiki/{key}/history?cursor=garbage", key).then().statusCode(400).contentType(startsWith("text/html"))
                .body(containsString("Invalid cursor"));
        page("/wiki/{key}/history?limit=0", key).then().statusCode(400).contentType(startsWith("text/html"));
        page("/wiki/{key}/timeline?t=yesterday", key).then().statusCode(400)
                .body(containsString("&#39;yesterday&#39; is not an ISO-8601 instant"));
        page("/wiki/{key}/revisions/7", key).then().statusCode(404).body(containsString("has no revision 7"));
        page("/wiki/{key}/compare", key).then().statusCode(400).body(containsString("to is required"));
    }

    @Test
    void theArticleListSearchesByPrefixWithCountsLastEditsAndSizes() {
        String key = uniqueArticleKey("web-list");
        String title = "Zq web list " + key;
        archive(key, titled(revision(key, 1, "2019-01-01T00:00:00Z", "four"), title),
                titled(revision(key, 2, "2019-03-01T00:00:00Z", "twelve bytes"), title));
        String html = page("/?prefix={p}", "Zq web list").then().statusCode(200)
                .header("Content-Security-Policy", UI_POLICY).extract().asString();
        assertTrue(html.contains(">" + title + "</a>"), html);
        assertTrue(html.contains("<td class=\"num\">2</td><td><time datetime=\"2019-03-01T00:00:00Z\">"
                + "2019-03-01 00:00 UTC</time></td><td class=\"num\">12 bytes</td>"), html);
        page("/?prefix={p}", "Zq no such title").then().statusCode(200)
                .body(containsString("No archived article has a title starting with"));
    }

    @Test
    void theApisDocumentDoesNotListThePages() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        assertFalse(document.contains("/wiki"), "the UI is not part of the API");
        assertEquals(200, page("/").statusCode());
        page("/articles").then().contentType(not(startsWith("text/html")));
    }
}
