package dev.palimpsest.textstore;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A cache bounded by weight that forgets the least recently used entries first, for few, large, immutable values
 * (unpacked packs of megabytes, texts of tens of kilobytes).
 *
 * <p>Why not Caffeine, which the project used here first: its admission filter (W-TinyLFU) lets a new entry in only
 * if it has been asked for more often than the entry it would displace, and its admission window is 1 % of the
 * weight. An entry heavier than the window (any pack of a long article) then usually left the cache as soon as it
 * was put: in a simulation of the bench's diffs (pairs of 2.1 M-character packs, each pair read four times, in a 6
 * M-character cache) 6 of 300 repeated reads hit. Readers of an archive ask again for what they just read (a diff
 * and its neighbours, a history page, the slider of a time line), so recency is the right policy, and an entry is
 * always kept when it fits.
 *
 * <p>Thread-safe (every operation holds the cache's lock; the values are immutable and computed outside it). An
 * entry heavier than the whole bound is not kept.
 *
 * @param <K> the key
 * @param <V> the value, immutable
 */
public final class RecentlyUsed<K, V> {

    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true); // access order
    private long weight;

    /**
     * @param maxWeight the most weight kept
     * @param weigher   an entry's weight (e.g. its characters)
     */
    public RecentlyUsed(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The value kept under {@code key} (now the most recently used), or null. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    /** Keeps {@code value} under {@code key}, forgetting the least recently used entries until it fits. */
    public synchronized void put(K key, V value) {
        long added = weigher.applyAsLong(value);
        V replaced = entries.remove(key);
        if (replaced != null) {
            weight -= weigher.applyAsLong(replaced);
        }
        if (added > maxWeight) {
            return;
        }
        Iterator<Map.Entry<K, V>> oldestFirst = entries.entrySet().iterator();
        while (weight + added > maxWeight && oldestFirst.hasNext()) {
            weight -= weigher.applyAsLong(oldestFirst.next().getValue());
            oldestFirst.remove();
        }
        entries.put(key, value);
        weight += added;
    }

    /** Forgets {@code key}'s value, if kept. */
    public synchronized void remove(K key) {
        V removed = entries.remove(key);
        if (removed != null) {
            weight -= weigher.applyAsLong(removed);
        }
    }

    /** The weight kept now. */
    public synchronized long weight() {
        return weight;
    }
}
