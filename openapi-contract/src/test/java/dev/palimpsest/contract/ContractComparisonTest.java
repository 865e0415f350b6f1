package dev.palimpsest.contract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract check on small documents: what counts as breaking, what only documents, and what the rules ask. */
class ContractComparisonTest {

    /** Accepting runs (-Dpalimpsest.openapi.accept=true) must not turn these checks into writes. */
    @BeforeEach
    void notAccepting() {
        System.clearProperty(OpenApiContract.ACCEPT_PROPERTY);
    }

    /** A complete little API: one operation, one parameter, a JSON answer and a problem. */
    private static final String BASE = """
            openapi: 3.0.3
            info:
              title: Example
              version: 0.1.0
            paths:
              /articles/{key}:
                get:
                  operationId: getArticle
                  summary: Summarise an article
                  parameters:
                  - name: key
                    in: path
                    required: true
                    description: The article's key
                    example: enwiki:12
                    schema:
                      type: string
                  responses:
                    "200":
                      description: The article
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Article"
                    "404":
                      description: No such article
                      content:
                        application/problem+json:
                          schema:
                            $ref: "#/components/schemas/Problem"
            components:
              schemas:
                Article:
                  type: object
                  properties:
                    title:
                      type: string
                    revisionCount:
                      type: integer
                Problem:
                  type: object
                  example:
                    type: https://palimpsest.dev/problems/article-not-found
                    title: Article not found
                    status: 404
                  properties:
                    type:
                      type: string
                      description: the kind
                    title:
                      type: string
                      description: its summary
                    status:
                      type: integer
                      description: the HTTP status
                    detail:
                      type: string
                      description: this occurrence
                    instance:
                      type: string
                      description: the path
            """;

    @Test
    void theSameDocumentIsUnchanged() {
        assertEquals(OpenApiContract.Verdict.UNCHANGED, OpenApiContract.compare(BASE, BASE + "\n\n").verdict());
    }

    @Test
    void aNewOptionalParameterIsCompatible() {
        String served = BASE.replace("""
                      responses:
                """, """
                      - name: knownAt
                        in: query
                        description: as known then
                        example: 2024-01-01T00:00:00Z
                        schema:
                          type: string
                      responses:
                """);
        OpenApiContract.Comparison comparison = OpenApiContract.compare(BASE, served);
        assertEquals(OpenApiContract.Verdict.COMPATIBLE, comparison.verdict(), comparison.report());
        assertTrue(comparison.report().contains("+      - name: knownAt"), comparison.report());
    }

    @Test
    void aNewRequiredParameterBreaksClients() {
        String served = BASE.replace("""
                      responses:
                """, """
                      - name: t
                        in: query
                        required: true
                        description: the moment
                        example: 2024-01-01T00:00:00Z
                        schema:
                          type: string
                      responses:
                """);
        assertEquals(OpenApiContract.Verdict.BREAKING, OpenApiContract.compare(BASE, served).verdict());
    }

    @Test
    void aRemovedOperationBreaksClients() {
        String served = BASE.replace("/articles/{key}:", "/pages/{key}:");
        OpenApiContract.Comparison comparison = OpenApiContract.compare(BASE, served);
        assertEquals(OpenApiContract.Verdict.BREAKING, comparison.verdict());
        assertTrue(comparison.report().contains("/articles/{key}"), comparison.report());
    }

    @Test
    void aRemovedResponseFieldBreaksClients() {
        String served = BASE.replace("        revisionCount:\n          type: integer\n", "");
        OpenApiContract.Comparison comparison = OpenApiContract.compare(BASE, served);
        assertEquals(OpenApiContract.Verdict.BREAKING, comparison.verdict());
        assertTrue(comparison.report().contains("  - GET /articles/{key} 200 application/json: revisionCount"),
                comparison.report());
    }

    @Test
    void aChangedTypeBreaksClients() {
        String served = BASE.replace("        revisionCount:\n          type: integer\n",
                "        revisionCount:\n          type: string\n");
        assertEquals(OpenApiContract.Verdict.BREAKING, OpenApiContract.compare(BASE, served).verdict());
    }

    @Test
    void aNewDescriptionOnlyDocuments() {
        OpenApiContract.Comparison comparison = OpenApiContract.compare(BASE,
                BASE.replace("description: The article's key", "description: The article's stable key"));
        assertEquals(OpenApiContract.Verdict.COMPATIBLE, comparison.verdict());
        assertTrue(comparison.report().contains("+        description: The article's stable key"),
                comparison.report());
    }

    @Test
    void aDifferenceFailsTheCheckAndNamesTheAcceptCommand(@TempDir Path dir) throws IOException {
        Path committed = Files.writeString(dir.resolve("example.yaml"), BASE);
        AssertionError breaking = assertThrows(AssertionError.class, () -> OpenApiContract.check("example",
                BASE.replace("/articles/{key}:", "/pages/{key}:"), committed));
        assertTrue(breaking.getMessage().startsWith("BREAKING CHANGE"), breaking.getMessage());
        assertTrue(breaking.getMessage().contains(OpenApiContract.ACCEPT_COMMAND), breaking.getMessage());

        AssertionError compatible = assertThrows(AssertionError.class, () -> OpenApiContract.check("example",
                BASE.replace("summary: Summarise an article", "summary: Summarise one article"), committed));
        assertTrue(compatible.getMessage().contains("compatibly"), compatible.getMessage());
        assertTrue(compatible.getMessage().contains(OpenApiContract.ACCEPT_COMMAND), compatible.getMessage());

        OpenApiContract.check("example", BASE, committed); // unchanged: passes
    }

    @Test
    void acceptingWritesTheServedDocument(@TempDir Path dir) throws IOException {
        Path committed = dir.resolve("openapi/example.yaml");
        String served = BASE.replace("summary: Summarise an article", "summary: Summarise one article");
        System.setProperty(OpenApiContract.ACCEPT_PROPERTY, "true");
        try {
            OpenApiContract.check("example", served, committed);
        } finally {
            System.clearProperty(OpenApiContract.ACCEPT_PROPERTY);
        }
        assertEquals(served, Files.readString(committed));
        OpenApiContract.check("example", served, committed);
    }

    @Test
    void aMissingContractFailsWithTheCommandThatWritesIt(@TempDir Path dir) {
        AssertionError missing = assertThrows(AssertionError.class,
                () -> OpenApiContract.check("example", BASE, dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains(OpenApiContract.ACCEPT_COMMAND), missing.getMessage());
    }

    @Test
    void anInvalidDocumentIsRefusedWithTheParsersMessages() {
        AssertionError invalid = assertThrows(AssertionError.class,
                () -> OpenApiContract.parse("broken", BASE.replace("paths:", "pathz:")));
        assertTrue(invalid.getMessage().contains("pathz"), invalid.getMessage());
    }

    @Test
    void theRulesNameEveryGap() {
        String sloppy = BASE.replace("      operationId: getArticle\n", "")
                .replace("        description: The article's key\n", "")
                .replace("        example: enwiki:12\n", "")
                .replace("application/problem+json:", "application/json:")
                .replace("          description: the path\n", "");
        List<String> problems = OpenApiRules.check(OpenApiContract.parse("sloppy", sloppy));
        assertEquals(List.of(
                "GET /articles/{key}: no operationId",
                "GET /articles/{key}: parameter key has no description",
                "GET /articles/{key}: parameter key has no example",
                "GET /articles/{key}: response 404 is not application/problem+json",
                "components: Problem.instance is missing or not described"), problems);
        assertEquals(List.of(), OpenApiRules.check(OpenApiContract.parse("base", BASE)));
    }
}
