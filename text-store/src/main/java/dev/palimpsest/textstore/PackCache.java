package dev.palimpsest.textstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.List;

/**
 * Unpacked packs, kept while memory allows. A pack never changes once written (a repack writes a new one under a
 * new key), so an entry is never stale and nothing needs invalidating except what a store deletes.
 *
 * @param <K> what names a pack in its store
 */
public final class PackCache<K> {

    private final Cache<K, List<String>> unpacked;

    /** @param maxChars how many characters of unpacked text to keep at most (a char is two bytes of heap) */
    public PackCache(long maxChars) {
        this.unpacked = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((K key, List<String> texts) -> weight(texts))
                .build();
    }

    /**
     * The texts of pack {@code key} if they are kept, else null; a store unpacks a missing pack itself and
     * {@link #put}s it (no loading function: unpacking a pack primed from another reads that other pack through the
     * same cache, which a Caffeine loading function must not do).
     */
    public List<String> cached(K key) {
        return unpacked.getIfPresent(key);
    }

    /** Keeps the texts of pack {@code key}, just written or unpacked. */
    public void put(K key, List<String> texts) {
        unpacked.put(key, List.copyOf(texts));
    }

    /** Forgets a pack its store has deleted or replaced. */
    public void forget(K key) {
        unpacked.invalidate(key);
    }

    private static int weight(List<String> texts) {
        long chars = 0;
        for (String text : texts) {
            chars += text.length();
        }
        return (int) Math.min(Integer.MAX_VALUE, chars);
    }
}
