package dev.palimpsest.events.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;

/**
 * Reads one kind of Palimpsest event from UTF-8 JSON, framed or not ({@link EventFrame}). Kafka instantiates
 * deserializers by class name, hence one small subclass per event type.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventFrame.read(data, type);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + " on " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    /** For {@link dev.palimpsest.events.RevisionSubmitted}. */
    public static class RevisionSubmittedDeserializer extends EventDeserializer<dev.palimpsest.events.RevisionSubmitted> {
        public RevisionSubmittedDeserializer() {
            super(dev.palimpsest.events.RevisionSubmitted.class);
        }
    }

    /** For any {@link dev.palimpsest.events.SubmittedEvent}: a revision or a redaction request. */
    public static class SubmittedEventDeserializer extends EventDeserializer<dev.palimpsest.events.SubmittedEvent> {
        public SubmittedEventDeserializer() {
            super(dev.palimpsest.events.SubmittedEvent.class);
        }
    }

    /** For any {@link dev.palimpsest.events.ArchiveEvent}. */
    public static class ArchiveEventDeserializer extends EventDeserializer<dev.palimpsest.events.ArchiveEvent> {
        public ArchiveEventDeserializer() {
            super(dev.palimpsest.events.ArchiveEvent.class);
        }
    }

    /** For {@link dev.palimpsest.events.TextKeyState}. */
    public static class TextKeyStateDeserializer extends EventDeserializer<dev.palimpsest.events.TextKeyState> {
        public TextKeyStateDeserializer() {
            super(dev.palimpsest.events.TextKeyState.class);
        }
    }

    /** For {@link dev.palimpsest.events.ImportStatus}. */
    public static class ImportStatusDeserializer extends EventDeserializer<dev.palimpsest.events.ImportStatus> {
        public ImportStatusDeserializer() {
            super(dev.palimpsest.events.ImportStatus.class);
        }
    }
}
