package dev.palimpsest.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TraceExportSwitchTest {

    private static SamplingDecision decisionForNewTrace(Sampler sampler) {
        return sampler.shouldSample(Context.root(), IdGenerator.random().generateTraceId(), "POST /revisions",
                SpanKind.SERVER, io.opentelemetry.api.common.Attributes.empty(), List.of()).getDecision();
    }

    @Test
    void offByDefaultNothingIsRecorded() {
        assertEquals(SamplingDecision.DROP, decisionForNewTrace(TraceExportSwitch.samplerFor(false, 1.0)));
    }

    @Test
    void onEveryNewTraceIsRecordedAtRatioOne() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decisionForNewTrace(TraceExportSwitch.samplerFor(true, 1.0)));
    }

    @Test
    void onAtRatioZeroNoNewTraceIsRecorded() {
        assertEquals(SamplingDecision.DROP, decisionForNewTrace(TraceExportSwitch.samplerFor(true, 0.0)));
    }

    @Test
    void aRatioOutsideZeroToOneIsRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> TraceExportSwitch.samplerFor(true, 1.5));
        assertThrows(IllegalArgumentException.class, () -> TraceExportSwitch.samplerFor(true, Double.NaN));
    }
}
