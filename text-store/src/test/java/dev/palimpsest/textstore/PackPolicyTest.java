package dev.palimpsest.textstore;

import dev.palimpsest.textstore.PackPolicy.Held;
import dev.palimpsest.textstore.PackPolicy.NewPack;
import dev.palimpsest.textstore.PackPolicy.Plan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackPolicyTest {

    private static final PackPolicy POLICY = new PackPolicy(4, 12, 3);

    @Test
    void aFirstImportIsCutIntoFullPacksChainedUntilTheBoundThenFresh() {
        Plan plan = POLICY.plan(List.of(), 18);
        assertEquals(0, plan.repacked());
        assertEquals(List.of(new NewPack(0, 4, false, 4), new NewPack(4, 8, true, 8), new NewPack(8, 12, true, 12),
                new NewPack(12, 16, false, 4), new NewPack(16, 18, true, 6)), plan.packs());
    }

    @Test
    void singleTextsBecomeSmallPacksPrimedWithTheTextBefore() {
        Plan plan = POLICY.plan(List.of(new Held(4, 4)), 1);
        assertEquals(new Plan(0, List.of(new NewPack(0, 1, true, 5))), plan);
        Plan next = POLICY.plan(List.of(new Held(4, 4), new Held(1, 5)), 1);
        assertEquals(new Plan(0, List.of(new NewPack(0, 1, true, 6))), next, "the small packs are not rewritten yet");
    }

    @Test
    void trailingSmallPacksAreRepackedOnceTheyFillAPack() {
        Plan plan = POLICY.plan(List.of(new Held(4, 4), new Held(1, 5), new Held(1, 6), new Held(1, 7)), 1);
        assertEquals(new Plan(3, List.of(new NewPack(0, 4, true, 8))), plan);
        Plan overflowing = POLICY.plan(List.of(new Held(4, 4), new Held(2, 6), new Held(1, 7)), 6);
        assertEquals(new Plan(2, List.of(new NewPack(0, 4, true, 8), new NewPack(4, 8, true, 12),
                new NewPack(8, 9, false, 1))), overflowing);
    }

    @Test
    void theFirstTextsOfAnArticleAreSmallAndFresh() {
        assertEquals(new Plan(0, List.of(new NewPack(0, 1, false, 1))), POLICY.plan(List.of(), 1));
        assertEquals(new Plan(1, List.of(new NewPack(0, 4, false, 4))), POLICY.plan(List.of(new Held(3, 3)), 1));
    }

    /** Whatever way texts arrive, no read unpacks more than the bound, and small packs only ever trail. */
    @Test
    void anyArrivalKeepsReadsBoundedAndFullPacksFirst() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<Held> packs = new ArrayList<>();
            int stored = 0;
            for (int arrival = 0; arrival < 30; arrival++) {
                int count = random.nextInt(4) == 0 ? 1 + random.nextInt(20) : 1;
                int tailFrom = packs.size();
                while (tailFrom > 0 && packs.get(tailFrom - 1).textCount() < POLICY.textsPerPack()) {
                    tailFrom--;
                }
                Plan plan = POLICY.plan(List.copyOf(packs.subList(Math.max(0, tailFrom - 1), packs.size())), count);
                int repackedTexts = 0;
                for (int i = 0; i < plan.repacked(); i++) {
                    repackedTexts += packs.remove(packs.size() - 1).textCount();
                }
                assertEquals(repackedTexts + count, plan.packs().get(plan.packs().size() - 1).to());
                int expectedFrom = 0;
                for (NewPack pack : plan.packs()) {
                    assertEquals(expectedFrom, pack.from(), "the packs cover the sequence in order");
                    expectedFrom = pack.to();
                    assertTrue(pack.chainTexts() <= POLICY.chainTexts());
                    packs.add(new Held(pack.textCount(), pack.chainTexts()));
                }
                stored += count;
            }
            assertEquals(stored, packs.stream().mapToInt(Held::textCount).sum(), "no text lost or doubled");
            boolean seenSmall = false;
            for (Held pack : packs) {
                if (seenSmall) {
                    assertTrue(pack.textCount() < POLICY.textsPerPack(), "a full pack after a small one: " + packs);
                }
                seenSmall |= pack.textCount() < POLICY.textsPerPack();
            }
            assertFalse(packs.stream().filter(pack -> pack.textCount() < POLICY.textsPerPack())
                    .mapToInt(Held::textCount).sum() >= POLICY.textsPerPack(), "small packs never add up to a full one");
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PackPolicy(0, 10, 3));
        assertThrows(IllegalArgumentException.class, () -> new PackPolicy(32, 16, 3));
        assertThrows(IllegalArgumentException.class, () -> POLICY.plan(List.of(), 0));
    }
}
