package dev.palimpsest.bench;

import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far the pipeline has got, read from the broker's offsets: cheap and exact however many articles a dump has
 * (summing per-article counts over HTTP would cost one request per article per sample). In a fresh stack, where
 * every submission is new:
 * <ul>
 *   <li>submitted: records in the log of record (what ingest published),</li>
 *   <li>archived: the archive's answers, each published after its batch's database transaction committed,</li>
 *   <li>in the read model: the answers the query-service has committed its offset past, after its own
 *       transaction,</li>
 *   <li>dead letters: submissions the archive could not archive at all (there should be none).</li>
 * </ul>
 */
final class PipelineOffsets implements AutoCloseable {

    /** query-service's consumer group ({@code mp.messaging.incoming.revisions-archived.group.id}). */
    static final String READ_MODEL_GROUP = "palimpsest-query";

    private final Admin admin;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    /** Counts at one moment. */
    record Counts(long submitted, long archived, long inReadModel, long deadLetters) {

        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    PipelineOffsets(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        this.admin = Admin.create(config);
    }

    Counts read() {
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            long readModel = 0;
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(READ_MODEL_GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (var entry : committed.entrySet()) {
                if (entry.getKey().topic().equals(Topics.REVISIONS_ARCHIVED) && entry.getValue() != null) {
                    readModel += entry.getValue().offset();
                }
            }
            return new Counts(sum(ends, Topics.REVISIONS_SUBMITTED), sum(ends, Topics.REVISIONS_ARCHIVED), readModel,
                    sum(ends, Topics.REVISIONS_DLQ));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the broker's offsets: " + e, e);
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws InterruptedException, ExecutionException,
            TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : List.of(Topics.REVISIONS_SUBMITTED, Topics.REVISIONS_ARCHIVED, Topics.REVISIONS_DLQ)) {
            for (TopicPartition partition : partitions(topic)) {
                request.put(partition, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request).all()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        answer.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private List<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        List<TopicPartition> known = partitions.get(topic);
        if (known == null) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            known = description.partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            partitions.put(topic, known);
        }
        return known;
    }

    private static long sum(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
