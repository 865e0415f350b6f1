package dev.palimpsest.diff;

import java.util.Arrays;

/**
 * Numbers for pieces of texts (lines or tokens), equal pieces getting equal numbers, from 0 up in order of first
 * sight: the diff then compares {@code int}s. An open-addressing table over the texts' characters, so no piece is
 * copied out of its text to be looked up (a {@code HashMap<String, Integer>} would make a string per token).
 */
final class PieceIds {

    private String[] texts = new String[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] hashes = new int[64];
    /** Slots holding a piece's number plus one; 0 is empty. At most half full. */
    private int[] table = new int[128];
    private int size;

    /** The number of {@code text[start, end)}. */
    int id(String text, int start, int end) {
        int hash = hash(text, start, end);
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                table[slot] = add(text, start, end, hash) + 1;
                if (2 * size > table.length) {
                    rehash();
                }
                return size - 1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && ends[id] - starts[id] == end - start
                    && text.regionMatches(start, texts[id], starts[id], end - start)) {
                return id;
            }
        }
    }

    /** Each piece {@code [starts[i], starts[i+1])} of the text as its number. */
    int[] ids(String text, int[] pieceStarts) {
        int[] ids = new int[pieceStarts.length - 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(text, pieceStarts[i], pieceStarts[i + 1]);
        }
        return ids;
    }

    private int add(String text, int start, int end, int hash) {
        if (size == texts.length) {
            texts = Arrays.copyOf(texts, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        texts[size] = text;
        starts[size] = start;
        ends[size] = end;
        hashes[size] = hash;
        return size++;
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id + 1;
        }
    }

    private static int hash(String text, int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        // spread the bits: the table uses the low ones
        hash *= 0x9E3779B9;
        return hash ^ (hash >>> 16);
    }
}
