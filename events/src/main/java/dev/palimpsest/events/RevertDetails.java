package dev.palimpsest.events;

import java.util.stream.IntStream;

/**
 * A revision whose text is exactly that of an earlier, non-adjacent revision of the same article (an identity
 * revert, Wikimedia's {@code rev_revert_details}): it restores revision {@code restoredRevSeq} and so undoes every
 * revision from {@code firstRevertedSeq} to {@code lastRevertedSeq}. (Equal to the revision just before is a null
 * edit, not a revert.)
 */
public record RevertDetails(int restoredRevSeq, int firstRevertedSeq, int lastRevertedSeq) {

    public RevertDetails {
        if (restoredRevSeq < 1 || firstRevertedSeq != restoredRevSeq + 1 || lastRevertedSeq < firstRevertedSeq) {
            throw new IllegalArgumentException("not a revert: restores " + restoredRevSeq + ", reverts "
                    + firstRevertedSeq + ".." + lastRevertedSeq);
        }
    }

    /** What a revision {@code revSeq} restoring revision {@code restoredRevSeq} reverts, or null for none. */
    public static RevertDetails of(int restoredRevSeq, int revSeq) {
        return revSeq - restoredRevSeq < 2 ? null : new RevertDetails(restoredRevSeq, restoredRevSeq + 1, revSeq - 1);
    }

    public int[] revertedRevSeqs() {
        return IntStream.rangeClosed(firstRevertedSeq, lastRevertedSeq).toArray();
    }
}
