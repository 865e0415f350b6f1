package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.client.query.model.ReadModelRebuild;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.events.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./palimpsest rebuild-read-model} on the real stack: real histories imported, every answer about them
 * (article, history pages, each revision, as-of texts at each revision's time, diffs of consecutive revisions, the
 * article list) taken byte for byte, the read model rebuilt through the CLI while revisions keep being submitted,
 * and every answer taken again: identical; and every revision submitted meanwhile is in the rebuilt model once.
 */
// first of the e2e classes (junit-platform.properties): a rebuild replays the whole archived topic, which is small
// before the other classes have imported their histories into the shared stack; they then run on the rebuilt model
@Order(1)
class ReadModelRebuildTest {

    private static final String DATABASE = "rebuildwiki";
    private static final String LIVE_KEY = "e2e-rebuild-live";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static StackClient client;
    private static PalimpsestStack stack;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void stack() {
        stack = SharedStack.get();
        client = new StackClient(stack);
    }

    /** An answer as a client receives it. */
    record Answer(int status, String contentType, byte[] body) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Answer that && status == that.status && contentType.equals(that.contentType)
                    && Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return 31 * status + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    @Test
    void rebuildingTheReadModelThroughTheCliChangesNoAnswerAndLosesNothingSubmittedMeanwhile(@TempDir Path dir)
            throws Exception {
        List<String> keys = new ArrayList<>();
        for (String file : List.of("simplewiki_sample_suppressed_revs_schema0.11.xml",
                "enwiki_Rio_Grande_history_2002-2007.xml")) {
            Path export = SharedStack.home().resolve("data/wiki").resolve(file);
            client.awaitImport(client.startImport(export, DATABASE), PATIENCE);
            keys.addAll(Exports.textSha1sByArticle(export, DATABASE).keySet());
        }
        for (String key : keys) {
            StackClient.promptly(PATIENCE).until(() -> client.archivedRevisionCount(key) > 0
                    && client.revisionCount(key) == client.archivedRevisionCount(key));
        }
        Map<String, Answer> before = answers(keys);
        List<JsonNode> listBefore = articleList();

        Path tokenFile = Files.writeString(dir.resolve("admin-token"), StackClient.token(stack, Roles.ADMIN) + "\n");
        // submissions go on throughout the rebuild: before it starts, while it replays, and after the switch
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<Instant> sentAt = new CopyOnWriteArrayList<>();
        List<String> texts = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> submitter = CompletableFuture.runAsync(() -> {
            try {
                for (int n = 1; rebuilding.get() || n <= 3; n++) {
                    String text = "Submitted while the read model is rebuilt: " + n + "\n";
                    sentAt.add(Instant.now());
                    submit(text, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(n));
                    texts.add(text);
                    Thread.sleep(100); // a steady trickle, not a load test
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Cli.Run rebuild;
        try {
            rebuild = Cli.execute("rebuild-read-model", "--query-url", stack.queryUrl().toString(),
                    "--token-file", tokenFile.toString());
        } finally {
            rebuilding.set(false);
        }
        submitter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, rebuild.exit(), rebuild.err());
        assertTrue(rebuild.out().contains("switched at "), rebuild.out());

        ReadModelRebuild outcome = new dev.palimpsest.client.QueryClient(stack.queryUrl(),
                StackClient.token(stack, Roles.ADMIN)).readModelRebuild().getReadModelRebuild();
        assertEquals(ReadModelRebuild.PhaseEnum.SWITCHED, outcome.getPhase(), outcome.toString());
        long duringTheRebuild = sentAt.stream().filter(t -> t.isAfter(outcome.getStartedAt().toInstant())
                && t.isBefore(outcome.getSwitchedAt().toInstant())).count();
        assertTrue(duringTheRebuild > 0, "no submission was sent between " + outcome.getStartedAt() + " and "
                + outcome.getSwitchedAt() + ": " + sentAt);

        Map<String, Answer> after = answers(keys);
        for (var answer : before.entrySet()) {
            assertEquals(answer.getValue(), after.get(answer.getKey()), answer.getKey());
        }
        List<JsonNode> listAfter = articleList();
        listAfter.removeIf(article -> article.get("articleKey").asText().equals(LIVE_KEY));
        assertEquals(listBefore, listAfter, "the article list, but for the article submitted meanwhile");

        // every revision submitted during the rebuild is there, once
        StackClient.promptly(PATIENCE).until(() -> client.revisionCount(LIVE_KEY) >= texts.size());
        List<RevisionSummary> history = client.history(LIVE_KEY);
        assertEquals(texts.size(), history.size(), "one revision per submission, none lost, none twice");
        Set<String> expected = new HashSet<>();
        for (String text : texts) {
            expected.add(dev.palimpsest.events.ContentHash.sha1Hex(text));
        }
        Set<String> stored = new HashSet<>();
        for (RevisionSummary revision : history) {
            stored.add(revision.getRevSha1());
        }
        assertEquals(expected, stored);
        assertEquals(texts.size(), client.archivedRevisionCount(LIVE_KEY));
    }

    private static void submit(String text, Instant timestamp) throws Exception {
        SubmissionReceipt receipt = client.ingest().submissions().submitRevision(SubmissionResourceApi
                .APISubmitRevisionRequest.newBuilder().key(LIVE_KEY).submitRevisionRequest(new SubmitRevisionRequest()
                        .title("Rebuild live").text(text).timestamp(timestamp.toString()).author("e2e")
                        .comment("during a rebuild")).build());
        assertTrue(receipt.getEventId() != null);
    }

    /**
     * Every answer about the articles: the article, its history pages, each revision (JSON and exact text), the
     * as-of text at each revision's time, the diff of each revision with the next (JSON and unified), the article
     * list under its title, the TimeMap.
     */
    private static Map<String, Answer> answers(List<String> keys) throws Exception {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String key : keys) {
            String article = "/articles/" + encode(key);
            answers.put(article, get(article, "application/json"));
            answers.put(article + "/revisions", get(article + "/revisions?order=asc&limit=500", "application/json"));
            answers.put(article + "/timemap", get(article + "/timemap", "application/link-format"));
            // provenance is derived from the read model: a rebuilt one attributes every article again, the same way
            answers.put(article + "/provenance", get(article + "/provenance?tokens=true", "application/json"));
            answers.put(article + "/authors", get(article + "/authors", "application/json"));
            List<RevisionSummary> history = client.history(key);
            String title = StackClient.JSON.readTree(answers.get(article).body()).get("title").asText();
            answers.put("list " + title, get("/articles?prefix=" + encode(title), "application/json"));
            for (int i = 0; i < history.size(); i++) {
                RevisionSummary revision = history.get(i);
                String path = article + "/revisions/" + revision.getRevSeq();
                answers.put(path, get(path, "application/json"));
                answers.put(path + " text", get(path, "text/plain"));
                String asOf = article + "/as-of?t=" + encode(revision.getRevTimestamp().toInstant().toString());
                answers.put(asOf, get(asOf, "text/plain"));
                if (i % 10 == 0) {
                    answers.put(path + " provenance", get(path + "/provenance", "application/json"));
                }
                if (i + 1 < history.size()) {
                    String diff = article + "/diff?from=" + revision.getRevSeq() + "&to="
                            + history.get(i + 1).getRevSeq();
                    answers.put(diff, get(diff, "application/json"));
                    answers.put(diff + " unified", get(diff + "&format=unified", "text/plain"));
                }
            }
        }
        return answers;
    }

    /** The whole article list, every page. */
    private static List<JsonNode> articleList() throws Exception {
        List<JsonNode> articles = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = get("/articles?limit=500" + (cursor == null ? "" : "&cursor=" + encode(cursor)),
                    "application/json");
            assertEquals(200, page.status(), page.toString());
            JsonNode json = StackClient.JSON.readTree(page.body());
            json.get("articles").forEach(articles::add);
            cursor = json.hasNonNull("next") ? json.get("next").asText() : null;
        } while (cursor != null);
        return articles;
    }

    private static Answer get(String pathAndQuery, String accept) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                stack.queryUrl().toString().replaceAll("/+$", "") + pathAndQuery)).header("Accept", accept)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
