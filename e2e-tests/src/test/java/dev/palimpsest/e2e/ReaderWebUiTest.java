package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.ingest.api.RedactionResourceApi;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.RedactRevisionRequest;
import dev.palimpsest.client.ingest.model.RedactionReceipt;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.client.query.model.RedactionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's web UI (ADR 0043) in a real headless Chromium, on the real stack with a real history (Rio Grande,
 * 2002–2007, 247 revisions): search and open an article, page through its history, compare two selected revisions,
 * move the time slider by dragging and by arrow keys (the text shown is the as-of API's answer for the URL's
 * instant), a redacted revision, an unknown article. Every page passes axe-core's serious and critical rules and
 * loads nothing from elsewhere; each scenario leaves a screenshot under {@code target/screenshots}.
 */
@ExtendWith(BrowserAvailable.class)
class ReaderWebUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String EXPORT = "enwiki_Rio_Grande_history_2002-2007.xml";
    /** Article keys of this test's own (ImportFidelityTest imports the same export as enwiki, and counts it). */
    private static final String DATABASE = "webui";
    private static final String REDACTED_KEY = "e2e-web-redaction";
    private static final String SECRET = "Call Jane on +1 555 0199 at 12 Example Street.";

    private static StackClient client;
    private static Browser browser;
    private static String origin;
    private static String riverKey;
    private static int riverRevisions;

    @BeforeAll
    static void historiesArchivedAndABrowser() throws Exception {
        browser = Browser.startOrSkip();
        client = new StackClient(SharedStack.get());
        origin = SharedStack.get().queryUrl().toString().replaceAll("/$", "");
        Path export = SharedStack.home().resolve("data/wiki").resolve(EXPORT);
        Map<String, List<Exports.ExpectedRevision>> pages = Exports.revisionsByArticle(export, DATABASE);
        riverKey = pages.keySet().iterator().next();
        riverRevisions = pages.get(riverKey).size();
        client.awaitImport(client.startImport(export, DATABASE), PATIENCE);
        StackClient.promptly(PATIENCE).until(() -> client.revisionCount(riverKey), count -> count == riverRevisions);

        submit("Contact details: " + SECRET + "\n", "2024-03-01T00:00:00Z");
        submit("Contact details: see the talk page.\n", "2024-03-02T00:00:00Z");
        SubmissionReceipt third = submit("Contact details: see the talk page.\nMore to come.\n",
                "2024-03-03T00:00:00Z");
        await().atMost(PATIENCE).until(() -> client.query().archivedRevision(REDACTED_KEY, third.getEventId()),
                Optional::isPresent);
        RedactionReceipt redaction = client.adminIngest().redactions().redactRevision(
                RedactionResourceApi.APIRedactRevisionRequest.newBuilder().key(REDACTED_KEY).n(1)
                        .redactRevisionRequest(new RedactRevisionRequest().reason("personal data")).build());
        await().atMost(PATIENCE).until(() -> client.query().redactionStatus(REDACTED_KEY, redaction.getEventId())
                .map(RedactionStatus::getOutcome), outcome -> outcome.isPresent()
                && outcome.get() == RedactionStatus.OutcomeEnum.REDACTED);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void searchAnArticleByTitleAndOpenIt() throws Exception {
        open("/");
        WebElement prefix = browser.driver().findElement(By.id("prefix"));
        prefix.sendKeys("Rio Gr");
        prefix.submit();
        waitFor(() -> browser.driver().getCurrentUrl().contains("prefix=Rio"));
        // this test's copy of the article (another test may have imported the same export under other keys)
        WebElement row = browser.driver().findElement(By.xpath("//tr[td/code[text()='" + riverKey + "']]"));
        assertTrue(row.getText().startsWith("Rio Grande"), row.getText());
        assertTrue(row.getText().contains(String.valueOf(riverRevisions)), row.getText());
        checkPage("articles-search");
        row.findElement(By.linkText("Rio Grande")).click();
        waitFor(() -> browser.driver().getTitle().startsWith("Rio Grande"));
        assertEquals("Rio Grande", browser.driver().findElement(By.tagName("h1")).getText());
        int latest = client.query().articles().getArticle(
                dev.palimpsest.client.query.api.ArticleResourceApi.APIGetArticleRequest.newBuilder()
                        .key(riverKey).build()).getLatestRevSeq();
        assertEquals(new String(client.query().revisionText(riverKey, latest), StandardCharsets.UTF_8),
                shownText(), "the article page shows its latest text exactly");
        assertTrue(browser.driver().findElement(By.linkText("Memento TimeMap")).getAttribute("href")
                .endsWith("/timemap"));
        checkPage("article");

        // on a phone: one column, nothing wider than the screen
        browser.windowSize(390, 844);
        try {
            open(Display.wiki(riverKey));
            Number overflow = (Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow.intValue() <= 0, "the page is wider than a phone's screen by " + overflow + "px");
            checkPage("article-phone");
        } finally {
            browser.windowSize(1280, 1000);
        }
    }

    @Test
    void whoWroteThisColoursTheTextByAuthorAsTheProvenanceApiSays() throws Exception {
        open(Display.wiki(riverKey));
        browser.driver().findElement(By.linkText("Who wrote this")).click();
        waitFor(() -> browser.driver().getTitle().startsWith("Who wrote Rio Grande"));
        int latest = client.query().articles().getArticle(
                dev.palimpsest.client.query.api.ArticleResourceApi.APIGetArticleRequest.newBuilder()
                        .key(riverKey).build()).getLatestRevSeq();
        // the pieces together are the text, exactly
        assertEquals(new String(client.query().revisionText(riverKey, latest), StandardCharsets.UTF_8),
                browser.script("return document.getElementById('who-text').textContent;"));
        // the legend lists the API's main authors in its order, as many as there are colours
        var provenance = client.query().provenance().getRevisionProvenance(riverKey, latest, false);
        List<String> legend = browser.driver().findElements(By.cssSelector("table.legend tbody tr td:first-child"))
                .stream().map(WebElement::getText).toList();
        List<String> mainAuthors = provenance.getAuthors().stream().limit(legend.size())
                .map(share -> share.getAuthor() == null ? "" : share.getAuthor().getUserText()).toList();
        assertEquals(mainAuthors, legend);
        assertTrue(legend.size() >= 5, legend.toString());
        // each piece names its author, revision and time: the first author's pieces carry the first colour
        List<WebElement> pieces = browser.driver().findElements(By.cssSelector("#who-text span.author-0"));
        assertTrue(!pieces.isEmpty());
        assertTrue(pieces.get(0).getAttribute("title").startsWith(mainAuthors.get(0) + ", revision "),
                pieces.get(0).getAttribute("title"));
        checkPage("who");
        browser.script("document.getElementById('authors-heading').scrollIntoView();");
        browser.screenshot("who-text");
    }

    @Test
    void pageThroughTheWholeHistoryNewestFirst() {
        open(Display.wiki(riverKey) + "/history");
        List<Integer> seen = new ArrayList<>();
        checkPage("history");
        while (true) {
            List<Integer> page = browser.driver().findElements(By.cssSelector("table.history tbody th a:first-child"))
                    .stream().map(link -> Integer.parseInt(link.getText())).toList();
            assertFalse(page.isEmpty());
            seen.addAll(page);
            List<WebElement> older = browser.driver().findElements(By.partialLinkText("Older"));
            if (older.isEmpty()) {
                break;
            }
            String before = browser.driver().getCurrentUrl();
            older.get(0).click();
            waitFor(() -> !browser.driver().getCurrentUrl().equals(before));
        }
        assertEquals(riverRevisions, seen.size(), "every revision once");
        assertEquals(riverRevisions, new HashSet<>(seen).size(), "no revision twice");
        // newest first: edit times never increase down the pages
        assertTrue(seen.get(0) > seen.get(seen.size() - 1), seen.toString());
    }

    @Test
    void selectTwoRevisionsAndCompareThem() throws Exception {
        open(Display.wiki(riverKey) + "/history?limit=20");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.history tbody tr"));
        int from = Integer.parseInt(rows.get(7).findElement(By.cssSelector("th a")).getText());
        int to = Integer.parseInt(rows.get(2).findElement(By.cssSelector("th a")).getText());
        rows.get(7).findElement(By.cssSelector("input[name=from]")).click();
        rows.get(2).findElement(By.cssSelector("input[name=to]")).click();
        browser.driver().findElement(By.cssSelector("form.history button")).click();
        waitFor(() -> browser.driver().getCurrentUrl().contains("/compare"));
        assertTrue(browser.driver().getCurrentUrl().contains("from=" + from), browser.driver().getCurrentUrl());
        assertTrue(browser.driver().findElement(By.tagName("h1")).getText()
                .contains("revisions " + from + " and " + to), browser.driver().findElement(By.tagName("h1")).getText());
        JsonNode stats = StackClient.JSON.readTree(client.query().diffText(riverKey, String.valueOf(from),
                String.valueOf(to), "word", "json")).get("stats");
        String shown = browser.driver().findElement(By.id("diff-stats")).getText();
        assertTrue(shown.contains("words +" + stats.get("addedWords").asInt() + " \u2212"
                + stats.get("removedWords").asInt()), shown + " vs " + stats);
        assertFalse(browser.driver().findElements(By.cssSelector("table.diff ins.diff-ins, table.diff del.diff-del"))
                .isEmpty(), "word highlights side by side");
        assertFalse(browser.driver().findElements(By.cssSelector("pre.diff-inline ins, pre.diff-inline del"))
                .isEmpty(), "word highlights inline");
        checkPage("compare");

        // one edit on, then back
        browser.driver().findElement(By.partialLinkText("Newer edit")).click();
        waitFor(() -> browser.driver().getCurrentUrl().contains("from=" + to));
        browser.driver().findElement(By.partialLinkText("Older edit")).click();
        waitFor(() -> browser.driver().getCurrentUrl().endsWith("to=" + to));
    }

    @Test
    void theTimeSliderShowsTheTextAsOfTheMomentInItsUrl() throws Exception {
        open(Display.wiki(riverKey) + "/timeline");
        WebElement slider = browser.driver().findElement(By.id("stop"));
        assertEquals(String.valueOf(riverRevisions - 1), slider.getAttribute("value"), "starts at the latest");
        assertShownTextIsTheAsOfAnswer();

        // the keyboard: three revisions back
        slider.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT);
        awaitStop(riverRevisions - 4);
        assertShownTextIsTheAsOfAnswer();
        checkPage("timeline-keys");

        // dragging: from the middle of the slider to a quarter of its width
        int width = slider.getSize().getWidth();
        new Actions(browser.driver()).moveToElement(slider).clickAndHold().moveByOffset(-width / 4, 0).release()
                .perform();
        int dragged = Integer.parseInt(slider.getAttribute("value"));
        assertTrue(dragged < riverRevisions * 2 / 3, "the slider moved back: " + dragged);
        awaitStop(dragged);
        assertShownTextIsTheAsOfAnswer();
        checkPage("timeline");

        // the URL names a moment: opened again, it shows the same
        String shared = browser.driver().getCurrentUrl();
        String before = shownText();
        browser.driver().get(shared);
        assertEquals(before, shownText());
        assertEquals(String.valueOf(dragged), browser.driver().findElement(By.id("stop")).getAttribute("value"));
    }

    @Test
    void aRedactedRevisionIsANoticeNeverItsText() throws Exception {
        open(Display.wiki(REDACTED_KEY) + "/revisions/1");
        assertTrue(browser.driver().findElement(By.cssSelector("p.notice")).getText().contains("redacted"));
        assertTrue(browser.driver().findElements(By.id("revision-text")).isEmpty());
        assertFalse(browser.driver().getPageSource().contains("555 0199"), "the erased text is nowhere in the page");
        checkPage("redacted");
        open(Display.wiki(REDACTED_KEY) + "/history");
        assertTrue(browser.driver().findElement(By.id("rev-1")).getText().contains("redacted"));
        assertFalse(browser.driver().getPageSource().contains("555 0199"));
        // it cannot be compared: a friendly page with 410
        assertEquals(410, status(Display.wiki(REDACTED_KEY) + "/compare?from=1&to=2"));
        open(Display.wiki(REDACTED_KEY) + "/compare?from=1&to=2");
        assertTrue(browser.driver().findElement(By.tagName("h1")).getText().contains("redacted"),
                browser.driver().findElement(By.tagName("h1")).getText());
        checkPage("redacted-compare");
    }

    @Test
    void anUnknownArticleOrABadTimeIsAFriendlyPageWithItsStatus() throws Exception {
        assertEquals(404, status("/wiki/no-such-article-anywhere"));
        open("/wiki/no-such-article-anywhere");
        assertEquals("Article not found", browser.driver().findElement(By.tagName("h1")).getText());
        assertTrue(browser.driver().findElement(By.cssSelector("p.notice")).getText()
                .contains("no-such-article-anywhere"));
        checkPage("unknown-article");
        assertEquals(400, status(Display.wiki(riverKey) + "/timeline?t=last%20Tuesday"));
        open(Display.wiki(riverKey) + "/timeline?t=last%20Tuesday");
        assertTrue(browser.driver().findElement(By.cssSelector("p.notice")).getText().contains("last Tuesday"));
        checkPage("bad-time");
    }

    // --- helpers

    private static SubmissionReceipt submit(String text, String timestamp) throws Exception {
        return client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest
                .newBuilder().key(REDACTED_KEY).submitRevisionRequest(new SubmitRevisionRequest()
                        .title("Web UI redaction").text(text).timestamp(timestamp).author("e2e")).build());
    }

    private static void open(String path) {
        browser.driver().get(origin + path);
    }

    /** The page loaded nothing from elsewhere, passes axe-core, and is kept as a screenshot. */
    private static void checkPage(String name) {
        browser.assertNothingLoadedFromElsewhere(origin);
        browser.assertAccessible(name);
        browser.screenshot(name);
    }

    /** The text the page shows, exactly (textContent keeps every character the pre holds). */
    private static String shownText() {
        return (String) browser.script("return document.getElementById('revision-text').textContent;");
    }

    private static void awaitStop(int stop) {
        waitFor(() -> String.valueOf(stop).equals(browser.driver().findElement(By.id("timeline-revision"))
                .getAttribute("data-place")) && browser.driver().getCurrentUrl().contains("t="));
    }

    /** The URL's t, and the text shown equals the as-of API's answer for it, byte for byte. */
    private static void assertShownTextIsTheAsOfAnswer() throws Exception {
        String url = browser.driver().getCurrentUrl();
        String t = url.contains("t=") ? URLDecoder.decode(url.substring(url.indexOf("t=") + 2).split("&")[0],
                StandardCharsets.UTF_8) : browser.driver().findElement(By.id("timeline-revision"))
                .getAttribute("data-t");
        assertEquals(new String(client.query().asOfText(riverKey, Instant.parse(t)), StandardCharsets.UTF_8),
                shownText(), "as of " + t);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> condition.getAsBoolean());
    }

    /** The status a browser would get for the page (Selenium does not say). */
    private static int status(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(origin + path)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                response.headers().toString());
        return response.statusCode();
    }

    /** The UI's paths, keys encoded as the pages encode them. */
    private static final class Display {
        static String wiki(String key) {
            return "/wiki/" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")
                    .replace("%3A", ":");
        }
    }
}
