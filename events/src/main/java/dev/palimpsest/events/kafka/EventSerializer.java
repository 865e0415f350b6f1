package dev.palimpsest.events.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any Palimpsest event as UTF-8 JSON ({@link EventJson}). Raw bytes pass through unchanged: a dead letter
 * keeps the exact bytes of a record nobody could decode, and the decoded event otherwise.
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
        try {
            return EventJson.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
