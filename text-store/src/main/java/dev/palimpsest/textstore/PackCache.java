package dev.palimpsest.textstore;

import java.util.List;

/**
 * Unpacked packs, kept while memory allows, the least recently used forgotten first ({@link RecentlyUsed}). A pack
 * never changes once written (a repack writes a new one under a new key), so an entry is never stale and nothing
 * needs invalidating except what a store deletes.
 *
 * @param <K> what names a pack in its store
 */
public final class PackCache<K> {

    private final RecentlyUsed<K, List<String>> unpacked;

    /** @param maxChars how many characters of unpacked text to keep at most (a char is one or two bytes of heap) */
    public PackCache(long maxChars) {
        this.unpacked = new RecentlyUsed<>(maxChars, PackCache::weight);
    }

    /** The texts of pack {@code key} if they are kept, else null. */
    public List<String> cached(K key) {
        return unpacked.get(key);
    }

    /** Keeps the texts of pack {@code key}, just written or unpacked. */
    public void put(K key, List<String> texts) {
        unpacked.put(key, List.copyOf(texts));
    }

    /** Forgets a pack its store has deleted or replaced. */
    public void forget(K key) {
        unpacked.remove(key);
    }

    private static long weight(List<String> texts) {
        long chars = 0;
        for (String text : texts) {
            chars += text.length();
        }
        return chars;
    }
}
