package dev.palimpsest.textstore;

import dev.palimpsest.textstore.PackPolicy.Held;
import dev.palimpsest.textstore.PackPolicy.NewPack;
import dev.palimpsest.textstore.PackPolicy.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tukaani.xz.LZMAInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not a test: the measurement behind {@link PackPolicy#DEFAULT} (ADR 0025). Packs the whole Anarchism history
 * (15,180 revisions) under several policies, as an import (batches of 200 revisions) and as live single texts, and
 * prints the bytes a revision and the time to read one text at random, cold (nothing unpacked) and warm (through a
 * {@link RecentlyUsed}). Run it alone, it takes minutes and needs about 3 GB of heap:
 * {@code ./mvnw -pl text-store test -Dtest=PackSizesMeasurement -Dpalimpsest.measure.packs=true -DargLine=-Xmx4g}.
 */
@EnabledIfSystemProperty(named = "palimpsest.measure.packs", matches = "true")
class PackSizesMeasurement {

    private static final int IMPORT_BATCH = 200;
    private static final int READS = 400;

    @Test
    void measure() throws Exception {
        Path dump = Path.of(System.getProperty("palimpsest.data", "../data"), "wiki",
                "enwiki_Anarchism_history_2001-2010.xml.lzma");
        List<String> distinct = new ArrayList<>();
        int revisions = distinctTexts(dump, distinct);
        long rawBytes = distinct.stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf(Locale.ROOT, "%d revisions, %d distinct texts, %,d B of distinct text%n", revisions,
                distinct.size(), rawBytes);
        long alone = 0;
        for (int i = 0; i < distinct.size(); i += 20) {
            alone += PackCodec.pack(List.of(distinct.get(i)), null).length;
        }
        System.out.printf(Locale.ROOT, "each text alone (1 in 20 sampled): %,d B a distinct text%n",
                alone / ((distinct.size() + 19) / 20));
        String mode = System.getProperty("palimpsest.measure.modes", "import");
        for (int[] sizes : new int[][]{{8, 256}, {16, 128}, {16, 256}, {16, 512}, {32, 128}, {32, 256}, {32, 512}, {64, 256}}) {
            PackPolicy policy = new PackPolicy(sizes[0], sizes[1], PackCodec.DEFAULT_LEVEL);
            report("import", policy, revisions, distinct, simulate(policy, distinct, IMPORT_BATCH));
        }
        if (mode.contains("live")) {
            PackPolicy policy = PackPolicy.DEFAULT;
            report("live", policy, revisions, distinct, simulate(policy, distinct.subList(0, 2000), 1));
        }
    }

    private static void report(String how, PackPolicy policy, int revisions, List<String> distinct, Store store) {
        long bytes = store.bytes();
        int count = store.packs.size();
        Random random = new Random(42);
        long[] cold = new long[READS];
        long[] warm = new long[READS];
        RecentlyUsed<Integer, List<String>> cache = new RecentlyUsed<>(64L << 20,
                texts -> texts.stream().mapToLong(String::length).sum());
        for (int read = 0; read < READS; read++) {
            int index = random.nextInt(store.texts);
            long start = System.nanoTime();
            String text = store.read(index, null);
            cold[read] = System.nanoTime() - start;
            assertEquals(distinct.get(index), text);
            store.read(index, cache);
            start = System.nanoTime();
            String again = store.read(index, cache);
            warm[read] = System.nanoTime() - start;
            assertEquals(text, again);
        }
        Arrays.sort(cold);
        Arrays.sort(warm);
        double scale = (double) revisions * store.texts / distinct.size();
        System.out.printf(Locale.ROOT, "%-6s %2d texts a pack, chains of %3d: %5d packs, %,d B = %,.0f B a revision;"
                        + " write %,.1f s; read cold p50 %.2f ms p99 %.2f ms; warm (its pack cached) p50 %.3f ms"
                        + " p99 %.2f ms%n",
                how, policy.textsPerPack(), policy.chainTexts(), count, bytes, bytes / scale,
                store.writeNanos / 1e9, cold[READS / 2] / 1e6, cold[READS * 99 / 100] / 1e6,
                warm[READS / 2] / 1e6, warm[READS * 99 / 100] / 1e6);
    }

    /** Stores {@code texts} arriving {@code batch} at a time, as the archive does, and returns the packs. */
    private static Store simulate(PackPolicy policy, List<String> texts, int batch) {
        Store store = new Store();
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batch) {
            store.add(policy, texts.subList(from, Math.min(texts.size(), from + batch)));
        }
        store.writeNanos = System.nanoTime() - start;
        return store;
    }

    /** Packs in memory: each the texts from..to of the history, primed with the last text of the pack before. */
    private static final class Store {
        final List<int[]> packs = new ArrayList<>(); // from, to, primed, chain
        final List<byte[]> bodies = new ArrayList<>();
        final List<String> history = new ArrayList<>();
        int texts;
        long writeNanos;

        long bytes() {
            return bodies.stream().mapToLong(body -> body.length).sum();
        }

        void add(PackPolicy policy, List<String> fresh) {
            int tailFrom = packs.size();
            while (tailFrom > 0 && packs.get(tailFrom - 1)[1] - packs.get(tailFrom - 1)[0] < policy.textsPerPack()) {
                tailFrom--;
            }
            List<Held> tail = packs.subList(Math.max(0, tailFrom - 1), packs.size()).stream()
                    .map(pack -> new Held(pack[1] - pack[0], pack[3])).toList();
            Plan plan = policy.plan(tail, fresh.size());
            int start = texts;
            for (int i = 0; i < plan.repacked(); i++) {
                start = packs.remove(packs.size() - 1)[0];
                bodies.remove(bodies.size() - 1);
            }
            history.addAll(fresh);
            texts += fresh.size();
            for (NewPack pack : plan.packs()) {
                int from = start + pack.from();
                int to = start + pack.to();
                String base = pack.primed() ? history.get(from - 1) : null;
                bodies.add(PackCodec.pack(history.subList(from, to), base, policy.level()));
                packs.add(new int[]{from, to, pack.primed() ? 1 : 0, pack.chainTexts()});
            }
        }

        String read(int index, RecentlyUsed<Integer, List<String>> cache) {
            int pack = 0;
            while (packs.get(pack)[1] <= index) {
                pack++;
            }
            return unpacked(pack, cache).get(index - packs.get(pack)[0]);
        }

        List<String> unpacked(int pack, RecentlyUsed<Integer, List<String>> cache) {
            if (cache == null) {
                return unpack(pack, null);
            }
            List<String> cached = cache.get(pack);
            if (cached == null) {
                cached = unpack(pack, cache);
                cache.put(pack, cached);
            }
            return cached;
        }

        private List<String> unpack(int pack, RecentlyUsed<Integer, List<String>> cache) {
            String base = null;
            if (packs.get(pack)[2] == 1) {
                List<String> before = unpacked(pack - 1, cache);
                base = before.get(before.size() - 1);
            }
            return PackCodec.unpack(bodies.get(pack), base);
        }
    }

    private static int distinctTexts(Path dump, List<String> distinct) throws Exception {
        Set<String> seen = new HashSet<>();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        int revisions = 0;
        try (InputStream in = new LZMAInputStream(new BufferedInputStream(Files.newInputStream(dump), 1 << 16))) {
            XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(in, "UTF-8");
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("text")) {
                    String text = reader.getElementText();
                    revisions++;
                    String key = java.util.HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
                    if (seen.add(key)) {
                        distinct.add(text);
                    }
                }
            }
        }
        return revisions;
    }
}
