package dev.palimpsest.events.kafka;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any Palimpsest event as UTF-8 JSON ({@link EventJson}), framed with its texts' bytes when it carries any
 * ({@link EventFrame}). Raw bytes pass through unchanged: a dead letter keeps the exact bytes of a record nobody could
 * decode, and the decoded event otherwise.
 */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        if (event == null) {
            return null;
        }
        if (event instanceof byte[] raw) {
            return raw;
        }
        return EventFrame.write(event);
    }
}
