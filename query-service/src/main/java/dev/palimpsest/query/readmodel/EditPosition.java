package dev.palimpsest.query.readmodel;

import java.time.Instant;

/**
 * Where a revision stands in its article's edit order (ADR 0005): by edit time, then the source's revision id (0
 * when none), then the archive's number. Positions compare as revisions do in {@link Revision#EDIT_ORDER}.
 */
public record EditPosition(Instant revTimestamp, long tieBreak, int revSeq) implements Comparable<EditPosition> {

    /** Before every revision. */
    public static final EditPosition BEFORE_ALL = new EditPosition(Instant.parse("0001-01-01T00:00:00Z"),
            Long.MIN_VALUE, Integer.MIN_VALUE);

    public static EditPosition of(Revision revision) {
        return new EditPosition(revision.revTimestamp, Revision.tieBreak(revision.revId), revision.revSeq);
    }

    @Override
    public int compareTo(EditPosition other) {
        int byTime = revTimestamp.compareTo(other.revTimestamp);
        if (byTime != 0) {
            return byTime;
        }
        int byId = Long.compare(tieBreak, other.tieBreak);
        return byId != 0 ? byId : Integer.compare(revSeq, other.revSeq);
    }
}
