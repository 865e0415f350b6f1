package dev.palimpsest.archive.retention;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What trimming reads from the brokers about a topic's partitions (offsets, by time and by consumer group, and the
 * segment age), and the one thing it asks of them: to delete the records below an offset. Each call waits for its
 * answer at most {@link #PATIENCE}.
 */
final class BrokerLogs implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Admin admin;

    BrokerLogs(Admin admin) {
        this.admin = admin;
    }

    int partitions(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    }

    /** The topic's {@code segment.ms}, its own or the broker's default: how long a segment stays open at most. */
    Duration segmentAge(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).all()).get(resource);
        return Duration.ofMillis(Long.parseLong(config.get(TopicConfig.SEGMENT_MS_CONFIG).value()));
    }

    /** Each partition's offset committed by {@code group} (the next it will read), for those it committed. */
    Map<Integer, Long> committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }

    /** Each partition's first offset still held. */
    Map<Integer, Long> earliest(String topic, List<Integer> partitions) {
        return offsets(topic, partitions, partition -> OffsetSpec.earliest());
    }

    /** Each partition's end: the offset its next record will get. */
    Map<Integer, Long> latest(String topic, List<Integer> partitions) {
        return offsets(topic, partitions, partition -> OffsetSpec.latest());
    }

    /**
     * The offset of the partition's first record stamped at or after {@code at}, if it has one; or its first offset
     * still held when it cannot tell. Kafka looks in the first segment whose newest record is that recent and
     * answers "none" when the records there that are all lie below the partition's start (trimmed within the
     * segment), without looking further: then the answer is the start or beyond, and the start is what is given, so
     * a trim by this answer never goes further than the truth.
     */
    OptionalLong firstAtOrAfter(String topic, int partition, Instant at) {
        long offset = offsets(topic, List.of(partition), ignored -> OffsetSpec.forTimestamp(at.toEpochMilli()))
                .get(partition);
        if (offset >= 0) {
            return OptionalLong.of(offset);
        }
        ListOffsetsResult.ListOffsetsResultInfo newest = await(admin.listOffsets(
                Map.of(new TopicPartition(topic, partition), OffsetSpec.maxTimestamp())).all())
                .get(new TopicPartition(topic, partition));
        return newest.timestamp() >= at.toEpochMilli()
                ? OptionalLong.of(earliest(topic, List.of(partition)).get(partition)) : OptionalLong.empty();
    }

    /** Deletes each partition's records below its offset; Kafka drops the segments they fill at its next check. */
    void deleteBelow(String topic, Map<Integer, Long> offsets) {
        Map<TopicPartition, RecordsToDelete> deletions = offsets.entrySet().stream().collect(Collectors.toMap(
                entry -> new TopicPartition(topic, entry.getKey()),
                entry -> RecordsToDelete.beforeOffset(entry.getValue())));
        await(admin.deleteRecords(deletions).all());
    }

    private Map<Integer, Long> offsets(String topic, List<Integer> partitions,
                                       Function<Integer, OffsetSpec> spec) {
        Map<TopicPartition, OffsetSpec> asked = partitions.stream()
                .collect(Collectors.toMap(partition -> new TopicPartition(topic, partition), spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                await(admin.listOffsets(asked).all());
        Map<Integer, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the brokers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the brokers refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the brokers did not answer within " + PATIENCE, e);
        }
    }

    @Override
    public void close() {
        admin.close(PATIENCE);
    }
}
