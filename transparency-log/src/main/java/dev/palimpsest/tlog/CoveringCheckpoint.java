package dev.palimpsest.tlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One checkpoint that covers several logs at once (ADR 0040 decision 2): a {@link Checkpoint} whose origin names the
 * family of logs, whose extension lines are one {@code <origin> <size> <base64 root>} per log, whose tree size is
 * the number of those lines and whose root is the RFC 9162 root of the tree whose leaves are those lines (UTF-8,
 * without their newline). Signed, it says in one note what every log held at one moment, so a verifier that keeps it
 * catches a server that shows different readers different logs, and one log's entry can be proven from the root.
 *
 * <p>It is not the checkpoint of an append-only log: its tree size is the number of logs, and its root changes
 * whenever a log grows. Two covers are compared log by log — each log only grows, proven by that log's own
 * consistency proofs — never by a consistency proof of the cover's tree.
 *
 * @param origin the family's name; every log's origin is {@code <origin>/<something>}
 * @param logs   each log's tree head, in the order of the lines; no origin twice
 */
public record CoveringCheckpoint(String origin, List<Checkpoint> logs) {

    public CoveringCheckpoint {
        logs = List.copyOf(logs);
        Set<String> origins = new HashSet<>();
        for (Checkpoint log : logs) {
            if (!log.origin().startsWith(origin + "/") || log.origin().contains(" ")) {
                throw new IllegalArgumentException("a covered log's origin is " + origin + "/<name> without spaces,"
                        + " not " + log.origin());
            }
            if (!log.extensions().isEmpty()) {
                throw new IllegalArgumentException("a covered log is its size and root, without extension lines");
            }
            if (!origins.add(log.origin())) {
                throw new IllegalArgumentException("log " + log.origin() + " is covered twice");
            }
        }
    }

    /** The log {@code origin}'s tree head as this checkpoint covers it. */
    public Optional<Checkpoint> log(String logOrigin) {
        return logs.stream().filter(log -> log.origin().equals(logOrigin)).findFirst();
    }

    /** How many leaves the covered logs hold together. */
    public long totalSize() {
        return logs.stream().mapToLong(Checkpoint::size).sum();
    }

    /** The checkpoint to sign. */
    public Checkpoint checkpoint() {
        List<String> lines = logs.stream().map(CoveringCheckpoint::line).toList();
        return new Checkpoint(origin, lines.size(), root(lines), lines);
    }

    /**
     * Reads a covering checkpoint from a checkpoint (the text of a signed note, once its signature is checked): its
     * lines must parse, its size must count them and its root must be theirs.
     */
    public static CoveringCheckpoint of(Checkpoint checkpoint) throws InvalidProofException {
        List<String> lines = checkpoint.extensions();
        if (checkpoint.size() != lines.size()) {
            throw new InvalidProofException("not a covering checkpoint: its size " + checkpoint.size() + " does not"
                    + " count its " + lines.size() + " log line(s)");
        }
        if (!MessageDigest.isEqual(checkpoint.rootHash(), root(lines))) {
            throw new InvalidProofException("not a covering checkpoint: its root is not the root of its log lines");
        }
        List<Checkpoint> logs = new ArrayList<>();
        for (String line : lines) {
            logs.add(parseLine(line));
        }
        try {
            return new CoveringCheckpoint(checkpoint.origin(), logs);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("not a covering checkpoint of " + checkpoint.origin() + ": "
                    + e.getMessage());
        }
    }

    private static String line(Checkpoint log) {
        return log.origin() + " " + log.size() + " " + Base64.getEncoder().encodeToString(log.rootHash());
    }

    private static Checkpoint parseLine(String line) throws InvalidProofException {
        String[] fields = line.split(" ", -1);
        if (fields.length != 3 || fields[0].isEmpty()) {
            throw new InvalidProofException("not a covering checkpoint: '" + line + "' is not <origin> <size> <root>");
        }
        // the same rules as a checkpoint's own lines, so a log line is read exactly as its log's checkpoint would be
        return Checkpoint.parse(fields[0] + "\n" + fields[1] + "\n" + fields[2] + "\n");
    }

    private static byte[] root(List<String> lines) {
        MerkleTree tree = new MerkleTree();
        lines.forEach(line -> tree.append(line.getBytes(StandardCharsets.UTF_8)));
        return tree.root(tree.size());
    }
}
