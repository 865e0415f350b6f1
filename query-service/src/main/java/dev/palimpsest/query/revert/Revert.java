package dev.palimpsest.query.revert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * This revision restores an earlier one exactly (an identity revert) and so undoes the revisions between them in
 * edit order. Derived from the history each time it is read ({@link IdentityReverts}), so a backfill between the two
 * changes it.
 *
 * @param restoredRevSeq  the revision whose text this one has again: the latest earlier one with that text
 * @param revertedRevSeqs the revisions undone, oldest first in edit order; never empty
 */
@Schema(name = "Revert")
public record Revert(@Schema(examples = "2") int restoredRevSeq,
                     @Schema(examples = "[3, 4]") List<Integer> revertedRevSeqs) {

    public Revert {
        if (revertedRevSeqs.isEmpty()) {
            throw new IllegalArgumentException("restoring the revision just before is a null edit, not a revert");
        }
        revertedRevSeqs = List.copyOf(revertedRevSeqs);
    }

    /**
     * Tells this revert from any other the same revision can be shown with: revisions are never removed, so between
     * a given restored revision and this one the set of reverted revisions only grows, and its size names it.
     */
    public String fingerprint() {
        return "r" + restoredRevSeq + "x" + revertedRevSeqs.size();
    }
}
