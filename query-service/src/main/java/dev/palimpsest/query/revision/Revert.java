package dev.palimpsest.query.revision;

import dev.palimpsest.events.RevertDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * This revision restores an earlier one exactly (an identity revert) and so undoes the revisions between.
 *
 * @param restoredRevSeq  the revision whose text this one has again
 * @param revertedRevSeqs the revisions undone, oldest first
 */
@Schema(name = "Revert")
public record Revert(@Schema(examples = "2") int restoredRevSeq,
                     @Schema(examples = "[3, 4]") List<Integer> revertedRevSeqs) {

    /** Null when {@code restoredRevSeq} is null: not a revert. */
    public static Revert of(Integer restoredRevSeq, int revSeq) {
        RevertDetails details = restoredRevSeq == null ? null : RevertDetails.of(restoredRevSeq, revSeq);
        return details == null ? null : new Revert(details.restoredRevSeq(),
                Arrays.stream(details.revertedRevSeqs()).boxed().toList());
    }
}
