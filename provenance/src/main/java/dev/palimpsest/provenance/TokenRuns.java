package dev.palimpsest.provenance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A revision's token numbers stored compactly: runs of consecutive numbers as (start, length) pairs, each start as
 * its distance from the end of the run before (zigzag, so moving back costs as little as moving on), all as
 * varints. Text written in one edit got consecutive numbers, so a revision of 10,000 tokens is typically tens to a
 * few hundred runs: a few hundred bytes.
 */
public final class TokenRuns {

    /**
     * How often a revision's tokens are stored whole rather than as changes to the revision before's
     * ({@link #encodeAgainst}): reading one then applies at most this many minus one sets of changes.
     */
    public static final int CHECKPOINT_EVERY = 64;

    private TokenRuns() {
    }

    /** Whether the tokens of an article's {@code index}th attributed revision (from 0) are stored whole. */
    public static boolean storedWhole(int index) {
        return index % CHECKPOINT_EVERY == 0;
    }

    /**
     * The tokens of an article's {@code index}th attributed revision from what was stored of it: whole at a
     * checkpoint ({@link #storedWhole}), else as changes to {@code previous}, the tokens of the revision before.
     */
    public static int[] decodeStored(int index, int[] previous, byte[] stored) {
        return storedWhole(index) ? decode(stored) : decodeAgainst(previous, stored);
    }

    /** {@code tokens} as runs. */
    public static byte[] encode(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + tokens.length / 8);
        int previousEnd = 0;
        for (int i = 0; i < tokens.length; ) {
            int start = tokens[i];
            int length = 1;
            while (i + length < tokens.length && tokens[i + length] == start + length) {
                length++;
            }
            writeVarint(out, zigzag(start - previousEnd));
            writeVarint(out, length);
            previousEnd = start + length;
            i += length;
        }
        return out.toByteArray();
    }

    /** The token numbers {@code runs} stands for. */
    public static int[] decode(byte[] runs) {
        int[] tokens = new int[64];
        int count = 0;
        int previousEnd = 0;
        int[] at = {0};
        while (at[0] < runs.length) {
            int start = previousEnd + unzigzag(readVarint(runs, at));
            int length = readVarint(runs, at);
            if (count + length > tokens.length) {
                tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, count + length));
            }
            for (int k = 0; k < length; k++) {
                tokens[count++] = start + k;
            }
            previousEnd = start + length;
        }
        return Arrays.copyOf(tokens, count);
    }

    /** Whether {@code token} is among those {@code runs} stands for, without decoding them all. */
    public static boolean contains(byte[] runs, int token) {
        int previousEnd = 0;
        int[] at = {0};
        while (at[0] < runs.length) {
            int start = previousEnd + unzigzag(readVarint(runs, at));
            int length = readVarint(runs, at);
            if (token >= start && token < start + length) {
                return true;
            }
            previousEnd = start + length;
        }
        return false;
    }

    /**
     * {@code tokens} as changes to {@code base} (typically the tokens of the revision before): slices of
     * {@code base} and runs of numbers, so a revision that changed a sentence costs a few bytes, not its whole
     * layout again. Each piece is a varint {@code length << 1 | kind}, then for a slice (kind 0) where it starts in
     * {@code base} relative to where the slice before ended, for a run (kind 1) its first number relative to the run
     * before's end (both zigzag varints).
     */
    public static byte[] encodeAgainst(int[] base, int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        long[] index = null;
        int expected = 0;
        int previousRunEnd = 0;
        for (int i = 0; i < tokens.length; ) {
            int at = expected < base.length && base[expected] == tokens[i] ? expected : -1;
            if (at < 0) {
                if (index == null) {
                    index = positions(base);
                }
                at = positionOf(index, tokens[i]);
            }
            int length = 1;
            if (at >= 0) {
                while (i + length < tokens.length && at + length < base.length
                        && base[at + length] == tokens[i + length]) {
                    length++;
                }
                writeVarint(out, length << 1);
                writeVarint(out, zigzag(at - expected));
                expected = at + length;
            } else {
                while (i + length < tokens.length && tokens[i + length] == tokens[i] + length
                        && (index == null || positionOf(index, tokens[i + length]) < 0)) {
                    length++;
                }
                writeVarint(out, length << 1 | 1);
                writeVarint(out, zigzag(tokens[i] - previousRunEnd));
                previousRunEnd = tokens[i] + length;
            }
            i += length;
        }
        return out.toByteArray();
    }

    /** The token numbers {@code changes} (from {@link #encodeAgainst}) stands for, given the same {@code base}. */
    public static int[] decodeAgainst(int[] base, byte[] changes) {
        int[] tokens = new int[Math.max(16, base.length + 16)];
        int count = 0;
        int expected = 0;
        int previousRunEnd = 0;
        int[] at = {0};
        while (at[0] < changes.length) {
            int header = readVarint(changes, at);
            int length = header >>> 1;
            int offset = unzigzag(readVarint(changes, at));
            if (count + length > tokens.length) {
                tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, count + length));
            }
            if ((header & 1) == 0) {
                int start = expected + offset;
                if (start < 0 || start + length > base.length) {
                    throw new IllegalArgumentException("a slice beyond its base");
                }
                System.arraycopy(base, start, tokens, count, length);
                expected = start + length;
            } else {
                int start = previousRunEnd + offset;
                for (int k = 0; k < length; k++) {
                    tokens[count + k] = start + k;
                }
                previousRunEnd = start + length;
            }
            count += length;
        }
        return Arrays.copyOf(tokens, count);
    }

    /** {@code number << 32 | position} for every token of {@code base}, sorted. */
    private static long[] positions(int[] base) {
        long[] index = new long[base.length];
        for (int p = 0; p < base.length; p++) {
            index[p] = (long) base[p] << 32 | p;
        }
        Arrays.sort(index);
        return index;
    }

    private static int positionOf(long[] index, int number) {
        int found = Arrays.binarySearch(index, (long) number << 32);
        int insertion = found >= 0 ? found : -found - 1;
        return insertion < index.length && (int) (index[insertion] >>> 32) == number ? (int) index[insertion] : -1;
    }

    private static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static int unzigzag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readVarint(byte[] bytes, int[] at) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            if (at[0] >= bytes.length || shift > 28) {
                throw new IllegalArgumentException("token runs end inside a number");
            }
            byte b = bytes[at[0]++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
