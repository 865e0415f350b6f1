package dev.palimpsest.archive.intake;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/** Reads why the connector could not decode a record, from the headers it attaches to such records. */
final class DeserializationFailure {

    private DeserializationFailure() {
    }

    static String reasonOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> {
                    Header reason = metadata.getHeaders()
                            .lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
                    String where = metadata.getTopic() + "-" + metadata.getPartition() + "@" + metadata.getOffset();
                    return "undecodable record " + where + ": "
                            + (reason == null ? "no value" : new String(reason.value(), StandardCharsets.UTF_8));
                })
                .orElse("undecodable record");
    }
}
