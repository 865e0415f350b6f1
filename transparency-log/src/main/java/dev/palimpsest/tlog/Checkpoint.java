package dev.palimpsest.tlog;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A log's tree head as C2SP tlog-checkpoint writes it, the text a {@link SignedNote} signs: the log's origin (its
 * unique name), the tree size in decimal, the root hash in base64, then optional extension lines, each line ending
 * with a newline.
 *
 * @param origin     the log's name, e.g. {@code palimpsest.example.org/log}; the first line
 * @param size       how many leaves the tree has
 * @param rootHash   the RFC 9162 root hash of those leaves
 * @param extensions further lines, opaque here; usually none
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one line, not empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative");
        }
        if (rootHash == null || rootHash.length != TreeHashing.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash is " + TreeHashing.HASH_SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        if (extensions.stream().anyMatch(line -> line.isEmpty() || line.contains("\n"))) {
            throw new IllegalArgumentException("a checkpoint's extension is one line, not empty");
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The checkpoint's text, as it is signed. */
    public String body() {
        StringBuilder body = new StringBuilder().append(origin).append('\n').append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> body.append(line).append('\n'));
        return body.toString();
    }

    /** Reads a checkpoint's text (the text of a signed note, once its signature is checked). */
    public static Checkpoint parse(String body) throws InvalidProofException {
        if (body == null || !body.endsWith("\n")) {
            throw new InvalidProofException("not a checkpoint: it ends with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3 || lines[0].isEmpty()) {
            throw new InvalidProofException("not a checkpoint: origin, tree size and root hash expected");
        }
        if (!DECIMAL.matcher(lines[1]).matches()) {
            throw new InvalidProofException("not a checkpoint: the tree size is not a decimal number");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new InvalidProofException("not a checkpoint: the tree size is too large");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("not a checkpoint: the root hash is not base64");
        }
        if (root.length != TreeHashing.HASH_SIZE) {
            throw new InvalidProofException("not a checkpoint: the root hash is not a SHA-256 hash");
        }
        List<String> extensions = List.of(lines).subList(3, lines.length);
        if (extensions.stream().anyMatch(String::isEmpty)) {
            throw new InvalidProofException("not a checkpoint: an empty extension line");
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint checkpoint && checkpoint.origin.equals(origin) && checkpoint.size == size
                && Arrays.equals(checkpoint.rootHash, rootHash) && checkpoint.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + body().replace('\n', ' ').strip() + "]";
    }
}
