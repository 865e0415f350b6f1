package dev.palimpsest.textstore;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecentlyUsedTest {

    private static RecentlyUsed<String, String> cacheOf(long chars) {
        return new RecentlyUsed<>(chars, String::length);
    }

    @Test
    void aNewEntryHeavierThanOthersIsKeptAndTheLeastRecentlyUsedGoes() {
        RecentlyUsed<String, String> cache = cacheOf(10);
        cache.put("a", "aaaa");
        cache.put("b", "bbbb");
        assertEquals("aaaa", cache.get("a")); // now b is the least recently used
        cache.put("c", "cccccc");
        assertNull(cache.get("b"));
        assertEquals("aaaa", cache.get("a"));
        assertEquals("cccccc", cache.get("c"));
        assertEquals(10, cache.weight());
    }

    @Test
    void pairsReadAgainAreHitsWhenTheyFit() {
        // the diffs' pattern: a pair of big packs read four times, then another pair, in a cache that holds two
        RecentlyUsed<String, String> cache = cacheOf(6_000);
        String pack = "x".repeat(2_100);
        int hits = 0;
        for (int pair = 0; pair < 50; pair++) {
            for (int read = 0; read < 4; read++) {
                for (String key : new String[]{"p" + pair, "q" + pair}) {
                    if (cache.get(key) != null) {
                        hits++;
                    } else {
                        cache.put(key, pack);
                    }
                }
            }
        }
        assertEquals(50 * 3 * 2, hits);
    }

    @Test
    void anEntryHeavierThanTheBoundIsNotKeptAndEvictsNothing() {
        RecentlyUsed<String, String> cache = cacheOf(5);
        cache.put("a", "aa");
        cache.put("big", "bbbbbb");
        assertNull(cache.get("big"));
        assertEquals("aa", cache.get("a"));
    }

    @Test
    void replacingAndRemovingKeepTheWeightRight() {
        RecentlyUsed<String, String> cache = cacheOf(10);
        cache.put("a", "aaaa");
        cache.put("a", "aa");
        assertEquals(2, cache.weight());
        cache.remove("a");
        cache.remove("a");
        assertEquals(0, cache.weight());
        assertNull(cache.get("a"));
    }
}
