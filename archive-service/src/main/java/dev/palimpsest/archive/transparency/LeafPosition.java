package dev.palimpsest.archive.transparency;

/** Where a record is in the transparency log: which log (a partition of the submitted topic) and which leaf. */
public record LeafPosition(short logId, long leafIndex) {
}
