package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.RevisionArchived;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows a batch of archive events adds to the read model, held until {@link ReadModelWriter} writes them all at
 * once (ADR 0033): a few multi-row statements per batch instead of several statements per revision. Within the
 * batch, every lookup of the writer ({@link TextPacks#utf8(PendingWrites, String, String)}, whether a text or a
 * revision is held) sees these rows as if they were written already, so the events of a batch are checked and
 * applied exactly as one at a time would. One per transaction, used by one thread; never shared.
 */
final class PendingWrites {

    /** A text of an article, by its sha1. */
    record TextKey(String articleKey, String sha1) {
    }

    /** Where a pending text is: its pack, its position in it, and the pack's base and chain. */
    record Located(UUID packId, int position, String baseSha1, int chainPacks, long chainBytes) {
    }

    /** A row of {@code text_pack}: {@code bytes} sealed with the article's key of {@code keyEpoch}, or in clear. */
    record PackRow(UUID id, String articleKey, String baseSha1, int chainPacks, long chainBytes, byte[] bytes,
                   Integer keyEpoch) {
    }

    /** A row of {@code revision} (and its slots), from the event at {@code index} of the batch. */
    record RevisionRow(int index, RevisionArchived event, String revSha1, String source, List<ContentSlot> slots) {
    }

    /** A row of {@code submission}, from the event at {@code index} of the batch. */
    record SubmissionRow(int index, UUID submissionId, String articleKey, int revSeq) {
    }

    /** A revision of an article. */
    record RevisionKey(String articleKey, int revSeq) {
    }

    final Map<UUID, PackRow> packs = new LinkedHashMap<>();
    final Map<TextKey, Located> texts = new LinkedHashMap<>();
    final List<RevisionRow> revisions = new ArrayList<>();
    final Map<RevisionKey, RevisionRow> revisionsByKey = new LinkedHashMap<>();
    final List<SubmissionRow> submissions = new ArrayList<>();
    /**
     * Where the texts the batch names were in the database when it began ({@link TextPacks#locate}), and the
     * texts written since; a text asked about then and not here is not held. Forgotten ({@link #forgetStored})
     * when a redaction rewrites packs.
     */
    final Map<TextKey, Located> stored = new java.util.HashMap<>();
    final java.util.Set<TextKey> located = new java.util.HashSet<>();

    /** Whether the database's answer about {@code key} is known here: held ({@link #stored}) or not. */
    boolean knows(TextKey key) {
        return located.contains(key) || stored.containsKey(key);
    }

    /** The UTF-8 lengths of the texts of the packs stored in this batch (a sha1 always names the same text). */
    final Map<TextKey, Integer> lengths = new java.util.HashMap<>();

    void forgetStored() {
        lengths.clear();
        stored.clear();
        located.clear();
    }

    void addPack(PackRow pack, List<String> sha1s) {
        packs.put(pack.id(), pack);
        for (int i = 0; i < sha1s.size(); i++) {
            texts.put(new TextKey(pack.articleKey(), sha1s.get(i)),
                    new Located(pack.id(), i, pack.baseSha1(), pack.chainPacks(), pack.chainBytes()));
        }
    }

    /** The sha1s of the texts of pending pack {@code packId}, by position. */
    List<String> sha1sIn(UUID packId) {
        List<Map.Entry<TextKey, Located>> in = texts.entrySet().stream()
                .filter(text -> text.getValue().packId().equals(packId))
                .sorted(java.util.Comparator.comparingInt(text -> text.getValue().position())).toList();
        return in.stream().map(text -> text.getKey().sha1()).toList();
    }

    void addRevision(RevisionRow row) {
        revisions.add(row);
        revisionsByKey.putIfAbsent(new RevisionKey(row.event().articleKey(), row.event().revSeq()), row);
    }

    boolean holdsRevision(String articleKey, int revSeq) {
        return revisionsByKey.containsKey(new RevisionKey(articleKey, revSeq));
    }

    boolean textsEmpty() {
        return packs.isEmpty() && texts.isEmpty();
    }

    boolean isEmpty() {
        return textsEmpty() && revisions.isEmpty() && submissions.isEmpty();
    }

    void clearTexts() {
        stored.putAll(texts); // written now
        packs.clear();
        texts.clear();
    }

    void clearRows() {
        revisions.clear();
        revisionsByKey.clear();
        submissions.clear();
    }
}
