package dev.palimpsest.query.memento;

import java.time.Instant;

/** A revision as Memento sees it: a prior state of its article, at its edit time. */
public record Memento(int revSeq, Instant revTimestamp, long tieBreak) {
}
