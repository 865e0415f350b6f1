package dev.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** What ingest reports of an import ({@code GET /imports/{id}}, its {@code ImportReport}), as far as a run needs it. */
record ImportStatus(String importId, String state, long revisions, long published, long rejected,
                    double revisionsPerSecond, Instant startedAt, Instant finishedAt, String error) {

    static ImportStatus of(JsonNode report) {
        return new ImportStatus(report.path("importId").asText(), report.path("state").asText(),
                report.path("revisions").asLong(), report.path("published").asLong(),
                report.path("rejected").asLong(), report.path("revisionsPerSecond").asDouble(),
                instant(report.path("startedAt")), instant(report.path("finishedAt")),
                report.path("error").isNull() ? null : report.path("error").asText(null));
    }

    boolean publishing() {
        return "PUBLISHING".equals(state);
    }

    boolean completed() {
        return "COMPLETED".equals(state);
    }

    boolean failed() {
        return "FAILED".equals(state);
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
