package dev.palimpsest.textstore;

import java.util.ArrayList;
import java.util.List;

/**
 * How an article's texts are cut into packs, and when a pack starts a fresh chain. Pure: it plans, the store writes.
 *
 * <p>An article's texts, in the order they were stored, are cut into packs of at most {@link #textsPerPack} texts.
 * Each pack is primed with the last text of the pack before it (a pack's first text then costs about its edit),
 * unless that would make a read unpack more than {@link #chainTexts} texts: then the pack is <em>fresh</em>
 * (unprimed), and a chain starts anew. A read of any text therefore unpacks at most {@code chainTexts} texts.
 *
 * <p>Texts that arrive a few at a time (live submissions, one per batch) become small packs at the article's tail,
 * each primed with the text before it (a small delta); once the trailing small packs and the new texts add up to a
 * full pack, they are repacked together ({@link Plan#repacked}), so a history ends up in full packs whichever way it
 * arrived.
 *
 * @param textsPerPack the most texts in one pack
 * @param chainTexts   the most texts a read unpacks: a pack's own and those of the packs it is primed from
 * @param level        the zstd level packs are written at
 */
public record PackPolicy(int textsPerPack, int chainTexts, int level) {

    /** Chosen by measurement on the Anarchism history (ADR 0025; 16 texts a pack since ADR 0036). */
    public static final PackPolicy DEFAULT = new PackPolicy(16, 256, PackCodec.DEFAULT_LEVEL);

    public PackPolicy {
        if (textsPerPack < 1 || chainTexts < textsPerPack) {
            throw new IllegalArgumentException("a pack holds at least one text and a chain at least one full pack; got "
                    + textsPerPack + " texts a pack, chains of " + chainTexts);
        }
    }

    /**
     * A pack the store already holds, as the plan needs it.
     *
     * @param textCount  how many texts it holds
     * @param chainTexts how many texts a read of it unpacks (its own and those of the packs it is primed from)
     */
    public record Held(int textCount, int chainTexts) {
    }

    /**
     * A pack to write: texts {@code from} (inclusive) to {@code to} (exclusive) of the plan's sequence (the repacked
     * texts, then the new ones).
     *
     * @param primed     whether it is primed with the text before {@code from} in the article (else it is fresh)
     * @param chainTexts how many texts a read of it will unpack
     */
    public record NewPack(int from, int to, boolean primed, int chainTexts) {
        public int textCount() {
            return to - from;
        }
    }

    /**
     * What to write.
     *
     * @param repacked how many of the article's trailing small packs to replace: their texts come first in the
     *                 sequence {@link #packs} index, before the new texts; 0 when none is repacked
     * @param packs    the packs to write, in order, covering the whole sequence
     */
    public record Plan(int repacked, List<NewPack> packs) {
    }

    /**
     * Plans the storing of {@code newTexts} new texts after the article's packs.
     *
     * @param tail the article's last packs, oldest first: the trailing small packs (fewer than
     *             {@link #textsPerPack} texts) and the pack before them, if any; empty for an article with no pack
     */
    public Plan plan(List<Held> tail, int newTexts) {
        if (newTexts < 1) {
            throw new IllegalArgumentException("nothing to pack");
        }
        int firstSmall = tail.size();
        while (firstSmall > 0 && tail.get(firstSmall - 1).textCount() < textsPerPack) {
            firstSmall--;
        }
        List<Held> small = tail.subList(firstSmall, tail.size());
        int smallTexts = small.stream().mapToInt(Held::textCount).sum();
        if (!small.isEmpty() && smallTexts + newTexts < textsPerPack) {
            // not enough for a full pack yet: one more small pack after the others
            return new Plan(0, cut(newTexts, tail.get(tail.size() - 1)));
        }
        Held before = firstSmall == 0 ? null : tail.get(firstSmall - 1);
        return new Plan(small.size(), cut(smallTexts + newTexts, before));
    }

    private List<NewPack> cut(int texts, Held before) {
        List<NewPack> packs = new ArrayList<>();
        Held previous = before;
        for (int from = 0; from < texts; from += textsPerPack) {
            int to = Math.min(texts, from + textsPerPack);
            boolean primed = previous != null && previous.chainTexts() + (to - from) <= chainTexts;
            int chain = (primed ? previous.chainTexts() : 0) + (to - from);
            packs.add(new NewPack(from, to, primed, chain));
            previous = new Held(to - from, chain);
        }
        return packs;
    }
}
