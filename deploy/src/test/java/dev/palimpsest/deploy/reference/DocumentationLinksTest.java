package dev.palimpsest.deploy.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.palimpsest.deploy.SourceTree;

/**
 * Every relative link and {@code #anchor} of the documentation leads somewhere: the README, BENCHMARKS.md and every
 * Markdown file under docs/ (the ADRs included). Moving a section or renaming a heading breaks the links to it; this
 * names each one. The README also links every page of docs/, so that a newcomer can reach all of them.
 */
class DocumentationLinksTest {

    private static final Path ROOT = SourceTree.root();

    @TempDir
    Path directory;

    @Test
    void everyRelativeLinkAndAnchorOfTheDocumentationResolves() throws IOException {
        DocumentationLinks links = new DocumentationLinks(ROOT);
        List<Path> files = documentation();
        assertTrue(files.contains(Path.of("docs/README.md")), "docs/ has its index: " + files);

        List<DocumentationLinks.Broken> broken = files.stream().flatMap(file -> links.brokenLinksOf(file).stream()).toList();

        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    @Test
    void theReadmeLinksEveryPageOfDocs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            List<String> unlinked = pages.filter(page -> page.getFileName().toString().endsWith(".md"))
                    .map(page -> "docs/" + page.getFileName())
                    .filter(page -> !readme.contains("](" + page + ")") && !readme.contains("](" + page + "#"))
                    .sorted().toList();
            assertEquals(List.of(), unlinked, "pages of docs/ the README does not link");
        }
    }

    @Test
    void aMissingFileAMissingAnchorAndALinkOutOfTheRepositoryAreEachNamed() throws IOException {
        Files.createDirectories(directory.resolve("docs"));
        Files.writeString(directory.resolve("docs/guide.md"), """
                # Guide

                ## Over HTTP: an import and its `status`

                ## Repeated
                ## Repeated
                """);
        Files.writeString(directory.resolve("README.md"), """
                # Project

                [fine](docs/guide.md#over-http-an-import-and-its-status), [second of two](docs/guide.md#repeated-1),
                [this page](#project), [a directory](docs/), [elsewhere](https://example.org/#anything).

                [no file](docs/missing.md), [no anchor](docs/guide.md#over-http), [out](../outside.md),
                [not here](#nowhere), [reference][ref]

                [ref]: docs/guide.md#repeated-2
                """);

        List<String> broken = new DocumentationLinks(directory).brokenLinksOf(Path.of("README.md")).stream()
                .map(DocumentationLinks.Broken::destination).toList();

        assertEquals(List.of("docs/missing.md", "docs/guide.md#over-http", "../outside.md", "#nowhere",
                "docs/guide.md#repeated-2"), broken);
    }

    @Test
    void anchorsAreTheOnesGitHubMakes() throws IOException {
        Files.writeString(directory.resolve("page.md"), """
                # Palimpsest
                ## ingest-service (:8081)
                ## Guarantees, in brief
                ## A Kafka cluster, and losing a broker
                ## Test suite with M5 (deploy, scale-out) — 2026-11-26, midday
                """);

        assertEquals(List.of("palimpsest", "ingest-service-8081", "guarantees-in-brief",
                        "a-kafka-cluster-and-losing-a-broker", "test-suite-with-m5-deploy-scale-out--2026-11-26-midday"),
                List.copyOf(new DocumentationLinks(directory).anchorsOf(Path.of("page.md"))));
        assertFalse(new DocumentationLinks(directory).anchorsOf(Path.of("page.md")).contains("Palimpsest"));
    }

    private static List<Path> documentation() throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(Path.of("README.md"), Path.of("BENCHMARKS.md")),
                            docs.filter(file -> file.getFileName().toString().endsWith(".md")).map(ROOT::relativize))
                    .toList();
        }
    }
}
