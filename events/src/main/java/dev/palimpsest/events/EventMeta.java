package dev.palimpsest.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Envelope metadata, after Wikimedia's event schemas: a unique id, the stream (topic) it was written to, when the
 * event was produced ({@code dt}) and the request that caused it.
 */
public record EventMeta(UUID id, String stream, Instant dt, String requestId) {

    public EventMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(dt, "dt");
    }

    public static EventMeta now(String stream, String requestId) {
        return new EventMeta(UUID.randomUUID(), stream, Instant.now(), requestId);
    }
}
