package dev.palimpsest.archive.history;

import dev.palimpsest.archive.integrity.ChainedRecord;
import dev.palimpsest.archive.integrity.HashChain;
import dev.palimpsest.archive.integrity.StoredRecords;
import dev.palimpsest.archive.transparency.LeafPosition;
import dev.palimpsest.archive.transparency.TransparencyLogs;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.LogLeaf;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.tlog.leaves.ArchiveLeaf;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.store.LogAppends;
import dev.palimpsest.tlog.leaves.DuplicateLeaf;
import dev.palimpsest.tlog.leaves.LeafSalts;
import dev.palimpsest.tlog.leaves.RedactionLeaf;
import dev.palimpsest.tlog.leaves.RevisionLeaf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Stores submissions in the versioned history and says what was decided, as the events to publish. Guarantees:
 * each idempotency key is stored once per article; sequence numbers are dense per article (the article row is
 * locked while numbering, so concurrent consumers cannot hand out the same number); handling the same submission
 * again stores nothing and yields an equal event (same id), so a crash between commit and publish is repaired by
 * redelivery. Several submissions share one transaction ({@link #archiveAll}): one commit, one disk flush, instead
 * of one per revision. Redaction requests, which share the submitted topic, are recorded in the same flow, in log
 * order, with the same idempotency (a row per request id).
 */
@ApplicationScoped
public class RevisionArchiver {

    private final EntityManager entityManager;
    private final ContentStore contents;
    private final OtherSlots otherSlots;
    private final TextShipping textShipping;
    private final TransparencyLogs logs;
    private final Clock clock = Clock.systemUTC();

    public RevisionArchiver(EntityManager entityManager, ContentStore contents, OtherSlots otherSlots,
                            TextShipping textShipping, TransparencyLogs logs) {
        this.entityManager = entityManager;
        this.contents = contents;
        this.otherSlots = otherSlots;
        this.textShipping = textShipping;
        this.logs = logs;
    }

    /**
     * Archives {@code events} (revisions and redaction requests) in one transaction, in their order; answers in the
     * same order. All or nothing: if one of them cannot be stored, none is. The texts of new revisions are not in
     * their answers: they come before them, packed per article ({@link TextShipping}, ADR 0026). Each record
     * archived anew becomes a leaf of the transparency log of its partition, {@code partitionOf} the event
     * (ADR 0040).
     */
    @Transactional
    public List<ArchiveEvent> archiveAll(List<? extends SubmittedEvent> events,
                                         ToIntFunction<? super SubmittedEvent> partitionOf) {
        List<RevisionSubmitted> submissions = events.stream().filter(RevisionSubmitted.class::isInstance)
                .map(RevisionSubmitted.class::cast).toList();
        List<RevisionRedactionRequested> redactions = events.stream()
                .filter(RevisionRedactionRequested.class::isInstance).map(RevisionRedactionRequested.class::cast)
                .toList();
        // Lock first, then look: a second consumer of the same submission (after a rebalance) waits here and then
        // finds the first one's answer, instead of racing it to the same sequence number. Locks are taken in key
        // order, so two transactions never wait on each other in a cycle. A redaction creates no article: it locks
        // the article it names, if the archive holds it, so the revision count it checks cannot move under it.
        SortedMap<String, String> titles = new TreeMap<>();
        submissions.forEach(submitted -> titles.putIfAbsent(submitted.articleKey(), titleOf(submitted)));
        SortedSet<String> keys = new TreeSet<>(titles.keySet());
        redactions.forEach(redaction -> keys.add(redaction.articleKey()));
        Map<String, ArticleRecord> articles = lockArticles(titles, keys);
        Batch batch = new Batch(logs.open(events.stream().map(event -> logOf(event, partitionOf)).toList()),
                partitionOf);
        Map<String, Integer> revisionsBefore = new HashMap<>();
        articles.forEach((key, article) -> revisionsBefore.put(key, article.revisionCount));
        Set<UUID> replayed = new HashSet<>();
        // What the archive already holds about these submissions, in two queries rather than two per submission.
        // Nothing below reads back through Hibernate what the batch wrote (revision rows are inserted at once, the
        // lookups below are kept up to date by hand), so flushing before each query would only cost time.
        entityManager.setFlushMode(FlushModeType.COMMIT);
        Map<UUID, SubmissionRecord.Answer> answered = submissions.isEmpty() ? new HashMap<>()
                : SubmissionRecord.answersTo(submissions.stream().map(submitted -> submitted.meta().id()).toList());
        Map<IdempotencyKey, Integer> held = submissions.isEmpty() ? new HashMap<>()
                : RevisionRecord.seqsOfIdempotencyKeys(submissions.stream()
                        .map(submitted -> new IdempotencyKey(submitted.articleKey(), submitted.idempotencyKey()))
                        .toList());
        Map<UUID, RedactionRecord> recorded = RedactionRecord.ofRequests(
                redactions.stream().map(redaction -> redaction.meta().id()).toList());
        Map<RevisionSubmitted, TextDigests> digests = lookUpTexts(submissions, answered, held);
        List<ArchiveEvent> answers = new ArrayList<>(events.size());
        for (SubmittedEvent event : events) {
            answers.add(event instanceof RevisionRedactionRequested redaction
                    ? redact(redaction, articles.get(redaction.articleKey()), recorded, batch)
                    : archive((RevisionSubmitted) event, articles.get(event.articleKey()), answered, held, replayed,
                            digests, batch));
        }
        batch.log().store();
        return textShipping.packed(answers, replayed, revisionsBefore);
    }

    /** The transparency log of an event: the partition it was read from (ADR 0040). */
    private static short logOf(SubmittedEvent event, ToIntFunction<? super SubmittedEvent> partitionOf) {
        int partition = partitionOf.applyAsInt(event);
        if (partition < 0 || partition > Short.MAX_VALUE) {
            throw new IllegalArgumentException("no log for partition " + partition);
        }
        return (short) partition;
    }

    /** What a batch appends its records to: the transparency logs it locked, and where each event was read. */
    private record Batch(LogAppends log, ToIntFunction<? super SubmittedEvent> partitionOf) {
        /** Appends the leaf of a record archived from {@code event} to the log of the event's partition. */
        LeafPosition append(SubmittedEvent event, ArchiveLeaf leaf) {
            short logId = RevisionArchiver.logOf(event, partitionOf);
            return new LeafPosition(logId, log.append(logId, leaf.hash()));
        }
    }

    /**
     * The digests of the main text of each submission that may become a new revision (computed here, never taken
     * from the event), after looking up in one query per article which of those texts the article already holds, so
     * that storing them needs no query each.
     */
    private Map<RevisionSubmitted, TextDigests> lookUpTexts(List<RevisionSubmitted> submissions,
                                                            Map<UUID, SubmissionRecord.Answer> answered,
                                                            Map<IdempotencyKey, Integer> held) {
        Map<RevisionSubmitted, TextDigests> digests = new IdentityHashMap<>();
        Map<String, Set<String>> byArticle = new TreeMap<>();
        for (RevisionSubmitted submitted : submissions) {
            boolean hidden = submitted.visibility() != null && submitted.visibility().textHidden();
            if (hidden || submitted.mainText().text() == null || answered.containsKey(submitted.meta().id())
                    || held.containsKey(new IdempotencyKey(submitted.articleKey(), submitted.idempotencyKey()))) {
                continue;
            }
            TextDigests text = TextDigests.of(submitted.mainText().text());
            digests.put(submitted, text);
            byArticle.computeIfAbsent(submitted.articleKey(), key -> new HashSet<>()).add(text.sha1());
        }
        byArticle.forEach(contents::lookUp);
        return digests;
    }

    /**
     * A text's UTF-8 bytes and what the archive states about them: its sha1 (the revision's), its SHA-256 (the hash
     * chain's) and its length. The bytes are those the submission carried (ADR 0037): they are what is hashed,
     * stored and shipped, and no string is made of them.
     */
    private record TextDigests(byte[] utf8, String sha1, String sha256) {
        static TextDigests of(Utf8Text text) {
            byte[] utf8 = text.utf8();
            return new TextDigests(utf8, ContentHash.sha1Hex(utf8), HashChain.contentHash(utf8));
        }

        int utf8Length() {
            return utf8.length;
        }
    }

    /**
     * Records a redaction of a revision the article holds (it may have been numbered earlier in this very batch:
     * the article row is kept up to date as the batch goes), or a rejection of one it does not. A revision already
     * redacted is redacted again: each request is its own audited fact; readers keep hiding the text from the
     * first. The revision itself is not touched (ADR 0010, 0011).
     */
    private ArchiveEvent redact(RevisionRedactionRequested request, ArticleRecord article,
                                Map<UUID, RedactionRecord> recorded, Batch batch) {
        RedactionRecord before = recorded.get(request.meta().id());
        if (before != null) {
            return redactionAnswer(before);
        }
        RedactionRecord record = new RedactionRecord();
        record.redactionId = request.meta().id();
        record.articleKey = request.articleKey();
        record.revSeq = request.revSeq();
        record.reason = request.reason();
        record.performerId = request.performer() == null ? null : request.performer().userId();
        record.performerText = request.performer() == null ? null : request.performer().userText();
        record.requestedAt = request.meta().dt().truncatedTo(ChronoUnit.MICROS);
        record.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (article == null || article.revisionCount == 0) {
            record.outcome = RedactionRecord.Outcome.REJECTED;
            record.rejection = "the archive holds no revision of article '" + request.articleKey() + "'";
        } else if (request.revSeq() < 1 || request.revSeq() > article.revisionCount) {
            record.outcome = RedactionRecord.Outcome.REJECTED;
            record.rejection = "article '" + request.articleKey() + "' has no revision " + request.revSeq()
                    + "; its revisions are 1 to " + article.revisionCount;
        } else if (request.erases()) {
            erase(record);
        } else {
            record.outcome = RedactionRecord.Outcome.REDACTED;
        }
        record.placeIn(batch.append(request, redactionLeaf(record)));
        record.persist();
        recorded.put(record.redactionId, record);
        return redactionAnswer(record);
    }

    /**
     * An erasure (ADR 0042): the revision's text is erased, with every revision that has it, unless it has none or
     * the article's texts were stored before texts were sealed (rejected, saying why). A text erased already stays
     * erased: the request is recorded as an erasure at the article's current key.
     */
    private void erase(RedactionRecord record) {
        RevisionRecord revision = RevisionRecord.find(record.articleKey, record.revSeq).orElse(null);
        String refusal;
        if (revision == null) {
            // numbered earlier in this very batch: its row is not written yet
            refusal = "revision " + record.revSeq + " of '" + record.articleKey + "' was archived in the same batch"
                    + " as its erasure; ask again";
        } else if (revision.textHidden || revision.revSha1 == null) {
            refusal = "revision " + record.revSeq + " of '" + record.articleKey + "' has no text to erase (it was"
                    + " hidden at the source)";
        } else {
            refusal = contents.erasureRefusal(record.articleKey);
        }
        if (refusal != null) {
            record.outcome = RedactionRecord.Outcome.REJECTED;
            record.rejection = refusal;
            return;
        }
        record.outcome = RedactionRecord.Outcome.ERASED;
        record.keyEpoch = contents.isErased(record.articleKey, revision.revSha1)
                ? contents.currentKeyEpoch(record.articleKey)
                : contents.erase(record.articleKey, revision.revSha1, record.redactionId).epoch();
    }

    /** A redaction request's leaf in the transparency log (ADR 0041). */
    static RedactionLeaf redactionLeaf(RedactionRecord record) {
        return new RedactionLeaf(record.redactionId, record.articleKey, record.revSeq, record.outcome.name(),
                record.reason, record.performerId, record.performerText, record.requestedAt, record.recordedAt,
                record.rejection);
    }

    static ArchiveEvent redactionAnswer(RedactionRecord record) {
        EventMeta meta = answerMeta(record.redactionId);
        Performer performer = record.performerId == null && record.performerText == null
                ? null : new Performer(record.performerId, record.performerText);
        LogLeaf leaf = logLeaf(record.leafPosition(), null, null);
        if (record.outcome == RedactionRecord.Outcome.REJECTED) {
            return new RedactionRejected(RedactionRejected.SCHEMA, meta, record.redactionId, record.articleKey,
                    record.revSeq, record.rejection, record.reason, performer, record.requestedAt, record.recordedAt,
                    leaf);
        }
        RevisionRedacted.Erasure erasure = record.outcome != RedactionRecord.Outcome.ERASED ? null
                : new RevisionRedacted.Erasure(record.keyEpoch, RevisionRecord.seqsWithTextOf(record.articleKey,
                record.revSeq));
        return new RevisionRedacted(RevisionRedacted.SCHEMA, meta, record.redactionId, record.articleKey,
                record.revSeq, record.reason, performer, record.requestedAt, record.recordedAt, leaf, erasure);
    }

    private ArchiveEvent archive(RevisionSubmitted submitted, ArticleRecord article,
                                 Map<UUID, SubmissionRecord.Answer> answered, Map<IdempotencyKey, Integer> held,
                                 Set<UUID> replayed, Map<RevisionSubmitted, TextDigests> digests, Batch batch) {
        Optional<SubmissionRecord.Answer> answeredBefore = Optional.ofNullable(answered.get(submitted.meta().id()));
        IdempotencyKey key = new IdempotencyKey(article.articleKey, submitted.idempotencyKey());
        Resolution resolution = Resolution.resolve(
                answeredBefore.map(answer -> new Resolution.AlreadyAnswered(answer.revSeq(), answer.archived())),
                Optional.ofNullable(held.get(key)),
                article.revisionCount);
        if (resolution instanceof Resolution.AlreadyAnswered again) {
            replayed.add(submitted.meta().id());
            return replay(answeredBefore.orElseThrow(), submitted);
        }
        // PostgreSQL keeps microseconds: the answer must say what a replay of it will say
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID submissionId = submitted.meta().id();
        if (resolution instanceof Resolution.NewRevision fresh) {
            answered.put(submissionId, SubmissionRecord.Answer.archived(submissionId, article.articleKey,
                    fresh.revSeq()));
            held.put(key, fresh.revSeq());
            List<ContentSlot> slots = OtherSlots.normalised(ContentSlot.orNone(submitted.slots()));
            RevisionRecord revision = store(submitted, article, fresh.revSeq(), now, slots,
                    digests.get(submitted), batch);
            return archived(revision, slots);
        }
        SubmissionRecord.Answer duplicate = SubmissionRecord.Answer.of(
                recordDuplicate(submitted, resolution.revSeq(), now, batch));
        answered.put(submissionId, duplicate);
        return deduplicated(duplicate);
    }

    /** The answer given before, rebuilt from what was stored. */
    private ArchiveEvent replay(SubmissionRecord.Answer answer, RevisionSubmitted submitted) {
        if (!answer.archived()) {
            return deduplicated(answer);
        }
        RevisionRecord revision = RevisionRecord.find(answer.articleKey(), answer.revSeq()).orElseThrow(() ->
                new IllegalStateException("submission " + answer.submissionId() + " names a missing revision"));
        return archived(revision, otherSlots.load(revision.articleKey, revision.revSeq));
    }

    /**
     * Creates the rows of new articles (without failing when another consumer races us), then locks them and the
     * other {@code keys} the archive holds.
     */
    private Map<String, ArticleRecord> lockArticles(SortedMap<String, String> titlesByKey, SortedSet<String> keys) {
        if (!titlesByKey.isEmpty()) {
            insertArticles(titlesByKey);
        }
        Map<String, ArticleRecord> locked = new HashMap<>();
        entityManager.createQuery("from ArticleRecord where articleKey in :keys order by articleKey",
                        ArticleRecord.class)
                .setParameter("keys", keys)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .forEach(article -> locked.put(article.articleKey, article));
        return locked;
    }

    private void insertArticles(SortedMap<String, String> titlesByKey) {
        String[] keys = titlesByKey.keySet().toArray(String[]::new);
        entityManager.createNativeQuery("""
                        INSERT INTO article (article_key, current_title, revision_count, created_at)
                        SELECT key, title, 0, ?3 FROM unnest(?1, ?2) AS new (key, title)
                        ON CONFLICT (article_key) DO NOTHING""")
                .setParameter(1, keys)
                .setParameter(2, titlesByKey.values().toArray(String[]::new))
                .setParameter(3, clock.instant())
                .executeUpdate();
    }

    /** A duplicate's answer, for its redelivery; a new revision's answer is its revision row. */
    private static SubmissionRecord recordDuplicate(RevisionSubmitted submitted, int revSeq, Instant now,
                                                    Batch batch) {
        SubmissionRecord record = new SubmissionRecord();
        record.submissionId = submitted.meta().id();
        record.articleKey = submitted.articleKey();
        record.revSeq = revSeq;
        record.receivedAt = now;
        record.placeIn(batch.append(submitted, duplicateLeaf(record)));
        record.persist();
        return record;
    }

    /** A duplicate's leaf in the transparency log (ADR 0041). */
    static DuplicateLeaf duplicateLeaf(SubmissionRecord record) {
        return new DuplicateLeaf(record.articleKey, record.revSeq, record.submissionId, record.receivedAt);
    }

    /**
     * Stores a new revision and its slots and appends it to the article's hash chain (ADR 0010). The article row is
     * locked by this transaction, so its chain head is the true predecessor: no other consumer can append between.
     */
    private RevisionRecord store(RevisionSubmitted submitted, ArticleRecord article, int revSeq, Instant now,
                                 List<ContentSlot> slots, TextDigests digests, Batch batch) {
        RevisionRecord revision = new RevisionRecord();
        revision.articleKey = submitted.articleKey();
        revision.revSeq = revSeq;
        revision.submissionId = submitted.meta().id();
        revision.idempotencyKey = submitted.idempotencyKey();
        Provenance provenance = submitted.provenance();
        revision.pageTitle = titleOf(submitted);
        // PostgreSQL keeps microseconds: the record hash must cover what is stored, and the answer say it
        revision.revTimestamp = provenance.revTimestamp().truncatedTo(ChronoUnit.MICROS);
        revision.revId = provenance.revId();
        revision.revParentId = provenance.revParentId();
        revision.performerId = provenance.performer() == null ? null : provenance.performer().userId();
        revision.performerText = provenance.performer() == null ? null : provenance.performer().userText();
        revision.comment = provenance.comment();
        Visibility visibility = submitted.visibility() == null ? Visibility.VISIBLE : submitted.visibility();
        revision.textHidden = visibility.textHidden();
        revision.commentHidden = visibility.commentHidden();
        revision.performerHidden = visibility.performerHidden();
        revision.source = SourceColumns.of(submitted.source());
        revision.archivedAt = now;
        LeafSalts salts = LeafSalts.fresh();
        byte[] textCommitment = null;
        boolean saltWithText = false;
        if (revision.textHidden) {
            revision.revLen = -1;
        } else {
            // Recomputed, not trusted: the stored hash is the archive's own statement about the stored bytes.
            TextDigests text = digests != null ? digests : TextDigests.of(submitted.mainText().text());
            revision.revSha1 = text.sha1();
            revision.revLen = text.utf8Length();
            revision.textSha256 = text.sha256();
            // the text's salt is sealed with it, so erasing the text erases it (ADR 0042); a text stored before
            // salts were keeps a salt of this revision's, on its row
            byte[] textSalt = contents.store(revision.articleKey, revision.revSha1, text.utf8());
            if (textSalt != null) {
                salts = new LeafSalts(textSalt, salts.comment(), salts.performer());
                saltWithText = true;
            }
            textCommitment = Commitment.of(salts.text(), text.utf8());
        }
        Map<String, String> slotSha256 = new HashMap<>();
        slots.stream().filter(slot -> !slot.textHidden())
                .forEach(slot -> slotSha256.put(slot.role(), HashChain.contentHash(slot.text())));
        revision.prevRecordHash = article.chainHead == null ? HashChain.GENESIS : article.chainHead;
        revision.recordHash = HashChain.recordHash(chained(revision, slots, slotSha256));
        revision.leafSalts = saltWithText ? salts.withoutText() : salts.toBytes();
        revision.leafTextCommitment = textCommitment;
        revision.placeIn(batch.append(submitted, leaf(revision, salts, textCommitment)));
        revision.persist();
        otherSlots.store(revision.articleKey, revSeq, slots, slotSha256);
        article.revisionCount = revSeq;
        article.currentTitle = revision.pageTitle;
        article.chainHead = revision.recordHash;
        return revision;
    }

    /** The revision's leaf in the transparency log (ADR 0041), with its text's commitment. */
    static RevisionLeaf leaf(RevisionRecord revision, LeafSalts salts, byte[] textCommitment) {
        return new RevisionLeaf(revision.articleKey, revision.revSeq, revision.submissionId, revision.pageTitle,
                revision.revTimestamp, revision.revId, revision.revParentId,
                Commitment.of(salts.performer(),
                        RevisionLeaf.performerValue(revision.performerId, revision.performerText)),
                Commitment.of(salts.comment(), RevisionLeaf.commentValue(revision.comment)),
                textCommitment, revision.textHidden, revision.commentHidden, revision.performerHidden,
                revision.archivedAt);
    }

    /** The revision as its record hash sees it: the fields {@link StoredRecords} will read back. */
    private static ChainedRecord chained(RevisionRecord revision, List<ContentSlot> slots,
                                         Map<String, String> slotSha256) {
        SourceColumns source = revision.source;
        return new ChainedRecord(revision.articleKey, revision.revSeq, revision.prevRecordHash,
                revision.submissionId, revision.idempotencyKey, revision.pageTitle, revision.revTimestamp,
                revision.revId, revision.revParentId, revision.performerId, revision.performerText, revision.comment,
                revision.textHidden, revision.commentHidden, revision.performerHidden, revision.revSha1,
                revision.revLen, revision.textSha256, revision.archivedAt,
                new ChainedRecord.Source(source.database, source.pageId, source.pageNamespace, source.minorEdit,
                        source.contentModel, source.contentFormat, source.sha1Base36, source.importId),
                slots.stream().map(slot -> new ChainedRecord.Slot(slot.role(), slot.model(), slot.format(),
                        slot.sha1(), slotSha256.get(slot.role()), slot.len(), slot.textHidden())).toList());
    }

    private static String titleOf(RevisionSubmitted submitted) {
        String title = submitted.provenance().pageTitle();
        return title == null ? submitted.articleKey() : title;
    }

    /**
     * The answer for a stored revision, without its text: {@link TextShipping} ships the texts in packs ahead of
     * the answers, from the store.
     */
    static RevisionArchived archived(RevisionRecord revision, List<ContentSlot> slots) {
        return new RevisionArchived(RevisionArchived.SCHEMA, answerMeta(revision.submissionId),
                revision.submissionId, revision.articleKey, revision.revSeq, revision.provenance(),
                revision.textHidden ? MainText.HIDDEN : MainText.named(revision.revSha1, revision.revLen),
                revision.archivedAt,
                null, // reverts are derived where the history is read, in edit order (ADR 0005)
                Visibility.of(revision.textHidden, revision.commentHidden, revision.performerHidden),
                revision.source == null ? null : revision.source.toSource(), slots,
                // as kept: without the text's salt when that one travels sealed with the text (ADR 0042)
                logLeaf(revision.leafPosition(), revision.leafSalts, revision.leafTextCommitment));
    }

    static SubmissionDeduplicated deduplicated(SubmissionRecord.Answer duplicate) {
        return new SubmissionDeduplicated(SubmissionDeduplicated.SCHEMA, answerMeta(duplicate.submissionId()),
                duplicate.submissionId(), duplicate.articleKey(), duplicate.revSeq(), duplicate.receivedAt(),
                logLeaf(duplicate.leaf(), null, null));
    }

    /** Where a record is in the transparency log, as its answer says it; null when it is no leaf. */
    private static LogLeaf logLeaf(LeafPosition position, byte[] salts, byte[] textCommitment) {
        return position == null ? null
                : new LogLeaf(position.logId(), position.leafIndex(), salts, textCommitment);
    }

    /** The answer's id is derived from the submission's, so answering twice publishes the same event twice. */
    private static EventMeta answerMeta(UUID submissionId) {
        UUID id = UUID.nameUUIDFromBytes(("archive-answer:" + submissionId).getBytes(StandardCharsets.UTF_8));
        return new EventMeta(id, Topics.REVISIONS_ARCHIVED, Instant.now(), submissionId.toString());
    }
}
