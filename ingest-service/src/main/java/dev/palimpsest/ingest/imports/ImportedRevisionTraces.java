package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The traces of an import's revisions (ADR 0016): each revision starts a trace of its own, linked to the
 * {@code POST /imports} request that brought it, rather than all of them hanging under that request. An import
 * holds up to millions of revisions; one trace each keeps traces readable and lets the sample ratio choose among
 * revisions, while the link still leads from any of them to its import.
 */
@ApplicationScoped
public class ImportedRevisionTraces {

    private final Tracer tracer;

    public ImportedRevisionTraces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(ImportedRevisionTraces.class.getName());
    }

    /** The request now being served, to link each of its revisions to (invalid outside a traced request). */
    public SpanContext currentRequest() {
        return Span.current().getSpanContext();
    }

    /**
     * Starts the root span of one imported revision, its publishing (a producer span, as the messaging channel's
     * for a single submission); the caller ends it once the broker has answered.
     *
     * @return the context to publish the revision in (its record carries this span as the consumer's parent)
     */
    public Context startRevision(SpanContext importRequest, String importId, String articleKey) {
        var builder = tracer.spanBuilder(Topics.REVISIONS_SUBMITTED + " publish")
                .setNoParent()
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.destination.name", Topics.REVISIONS_SUBMITTED)
                .setAttribute("messaging.kafka.message.key", articleKey)
                .setAttribute("palimpsest.import.id", importId)
                .setAttribute("palimpsest.article.key", articleKey);
        if (importRequest.isValid()) {
            builder.addLink(importRequest);
        }
        return Context.root().with(builder.startSpan());
    }
}
