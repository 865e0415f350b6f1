package dev.palimpsest.devstack.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * One or more {@link LocalKafkaBroker}s forming one KRaft cluster under a data directory, each node broker and
 * controller at once. One node keeps the layout the devstack always had ({@code kafka/}); a cluster of n keeps
 * {@code kafka-1/} to {@code kafka-n/}, each node with its own ports (in the {@link PortBook}) and log directory,
 * all formatted once with one cluster id and one initial n-voter controller quorum (KIP-853's
 * {@code --initial-controllers}), and started on that storage ever after.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private final Path dataDirectory;
    private final List<LocalKafkaBroker> brokers;

    private LocalKafkaCluster(Path dataDirectory, List<LocalKafkaBroker> brokers) {
        this.dataDirectory = dataDirectory;
        this.brokers = List.copyOf(brokers);
    }

    /**
     * The cluster's nodes, not yet started; their ports are picked once and kept in {@code ports}.
     *
     * @throws IllegalStateException when the data directory holds a Kafka of another size: its topics and the
     *                               databases beside them belong together, so it is never silently replaced
     */
    static LocalKafkaCluster of(Path dataDirectory, PortBook ports, int size, String heap) {
        if (size < 1) {
            throw new IllegalArgumentException("a Kafka cluster needs at least one broker, got " + size);
        }
        requireSameSize(dataDirectory, size);
        List<LocalKafkaBroker.Node> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            String prefix = size == 1 ? "kafka" : "kafka." + id;
            nodes.add(new LocalKafkaBroker.Node(id, ports.port(prefix + ".port"),
                    ports.port(prefix + ".controller.port")));
        }
        List<LocalKafkaBroker> brokers = nodes.stream()
                .map(node -> new LocalKafkaBroker(nodeDirectory(dataDirectory, size, node.nodeId()), node, nodes, heap))
                .toList();
        return new LocalKafkaCluster(dataDirectory, brokers);
    }

    /** Formats the nodes on first start (all of them, with one cluster id), then starts every JVM. */
    void start() {
        long formatted = brokers.stream().filter(LocalKafkaBroker::isFormatted).count();
        if (formatted == 0) {
            formatAll();
        } else if (formatted < brokers.size()) {
            // a voter that lost its storage must not rejoin as if it had voted before (KRaft's safety rests on it)
            throw new IllegalStateException("only " + formatted + " of the " + brokers.size() + " Kafka nodes in "
                    + dataDirectory + " have storage; delete the data directory (all of it) to start afresh");
        }
        brokers.forEach(LocalKafkaBroker::start);
    }

    /** Every node's client listener, comma-separated: clients find the others (and fail over) from any of them. */
    public String bootstrapServers() {
        return String.join(",", brokers.stream().map(LocalKafkaBroker::bootstrapServers).toList());
    }

    public List<LocalKafkaBroker> brokers() {
        return brokers;
    }

    public int size() {
        return brokers.size();
    }

    /** The node with KRaft id {@code nodeId} (1 to {@link #size()}). */
    public LocalKafkaBroker broker(int nodeId) {
        if (nodeId < 1 || nodeId > brokers.size()) {
            throw new IllegalArgumentException("no Kafka node " + nodeId + ": this cluster has nodes 1 to "
                    + brokers.size());
        }
        return brokers.get(nodeId - 1);
    }

    /** The first node whose JVM has ended, for an error message while the cluster should be starting. */
    public java.util.Optional<LocalKafkaBroker> firstDead() {
        return brokers.stream().filter(broker -> !broker.isAlive()).findFirst();
    }

    /** Stops the nodes side by side (each flushes its logs on SIGTERM); returns when all have ended. */
    @Override
    public void close() {
        List<Thread> stops = new ArrayList<>();
        for (LocalKafkaBroker broker : brokers) {
            Thread stop = new Thread(broker::close, "stop-kafka-" + broker.nodeId());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void formatAll() {
        String clusterId = LocalKafkaBroker.randomUuid();
        // id@host:port:directoryId of every voter; the same string formats every node
        String initialControllers = String.join(",", brokers.stream()
                .map(broker -> broker.nodeId() + "@127.0.0.1:" + broker.controllerPort() + ":"
                        + LocalKafkaBroker.randomUuid())
                .toList());
        // side by side: each format is a JVM of its own, a few seconds each
        List<CompletableFuture<Void>> formats = brokers.stream()
                .map(broker -> CompletableFuture.runAsync(() -> broker.format(clusterId, initialControllers),
                        runnable -> new Thread(runnable, "format-kafka-" + broker.nodeId()).start()))
                .toList();
        try {
            CompletableFuture.allOf(formats.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Path nodeDirectory(Path dataDirectory, int size, int nodeId) {
        return size == 1 ? dataDirectory.resolve("kafka") : dataDirectory.resolve("kafka-" + nodeId);
    }

    /** Refuses a data directory formatted for a Kafka of another size. */
    private static void requireSameSize(Path dataDirectory, int size) {
        int existing = existingSize(dataDirectory);
        if (existing != 0 && existing != size) {
            throw new IllegalStateException(dataDirectory + " holds a Kafka of " + existing + " broker"
                    + (existing == 1 ? "" : "s") + ", not " + size + ": start it with " + existing + " broker"
                    + (existing == 1 ? "" : "s") + " (--brokers " + existing + "), or use another data directory");
        }
    }

    /** The size of the Kafka formatted in this data directory, 0 if none is. */
    static int existingSize(Path dataDirectory) {
        if (Files.exists(dataDirectory.resolve("kafka/data/meta.properties"))) {
            return 1;
        }
        if (!Files.isDirectory(dataDirectory)) {
            return 0;
        }
        try (Stream<Path> children = Files.list(dataDirectory)) {
            // the highest node id with storage: nodes are numbered 1 to the cluster's size
            return children
                    .filter(child -> child.getFileName().toString().matches("kafka-[1-9][0-9]{0,2}"))
                    .filter(child -> Files.exists(child.resolve("data/meta.properties")))
                    .mapToInt(child -> Integer.parseInt(child.getFileName().toString().substring("kafka-".length())))
                    .max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataDirectory, e);
        }
    }
}
