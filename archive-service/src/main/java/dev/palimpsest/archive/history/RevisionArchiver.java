package dev.palimpsest.archive.history;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores submissions in the versioned history and says what was decided, as the events to publish. Guarantees:
 * each idempotency key is stored once per article; sequence numbers are dense per article (the article row is
 * locked while numbering, so concurrent consumers cannot hand out the same number); handling the same submission
 * again stores nothing and yields an equal event (same id), so a crash between commit and publish is repaired by
 * redelivery. Several submissions share one transaction ({@link #archiveAll}): one commit, one disk flush, instead
 * of one per revision.
 */
@ApplicationScoped
public class RevisionArchiver {

    private final EntityManager entityManager;
    private final ContentStore contents;
    private final OtherSlots otherSlots;
    private final Clock clock = Clock.systemUTC();

    public RevisionArchiver(EntityManager entityManager, ContentStore contents, OtherSlots otherSlots) {
        this.entityManager = entityManager;
        this.contents = contents;
        this.otherSlots = otherSlots;
    }

    /**
     * Archives {@code submissions} in one transaction, in their order; answers in the same order. All or nothing:
     * if one of them cannot be stored, none is.
     */
    @Transactional
    public List<ArchiveEvent> archiveAll(List<RevisionSubmitted> submissions) {
        // Lock first, then look: a second consumer of the same submission (after a rebalance) waits here and then
        // finds the first one's answer, instead of racing it to the same sequence number. Locks are taken in key
        // order, so two transactions never wait on each other in a cycle.
        Map<String, ArticleRecord> articles = new TreeMap<>();
        submissions.forEach(submitted -> articles.putIfAbsent(submitted.articleKey(), null));
        Map<String, String> titles = new HashMap<>();
        submissions.forEach(submitted -> titles.putIfAbsent(submitted.articleKey(), titleOf(submitted)));
        articles.replaceAll((key, none) -> lockArticle(key, titles.get(key)));
        List<ArchiveEvent> answers = new ArrayList<>(submissions.size());
        for (RevisionSubmitted submitted : submissions) {
            answers.add(archive(submitted, articles.get(submitted.articleKey())));
        }
        return answers;
    }

    private ArchiveEvent archive(RevisionSubmitted submitted, ArticleRecord article) {
        Optional<SubmissionRecord> answered = SubmissionRecord.findByIdOptional(submitted.meta().id());
        Resolution resolution = Resolution.resolve(
                answered.map(answer -> new Resolution.AlreadyAnswered(answer.revSeq,
                        answer.outcome == SubmissionRecord.Outcome.ARCHIVED)),
                RevisionRecord.seqOfIdempotencyKey(article.articleKey, submitted.idempotencyKey()),
                article.revisionCount);
        if (resolution instanceof Resolution.AlreadyAnswered again) {
            return replay(answered.orElseThrow(), submitted);
        }
        // PostgreSQL keeps microseconds: the answer must say what a replay of it will say
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        recordSubmission(submitted, resolution, now);
        if (resolution instanceof Resolution.NewRevision fresh) {
            RevisionRecord revision = store(submitted, article, fresh.revSeq(), now);
            return archived(revision, submitted.text(), otherSlots.store(revision.articleKey, revision.revSeq,
                    ContentSlot.orNone(submitted.slots())));
        }
        return deduplicated(submitted, resolution.revSeq());
    }

    /** The answer given before, rebuilt from what was stored. */
    private ArchiveEvent replay(SubmissionRecord answer, RevisionSubmitted submitted) {
        if (answer.outcome == SubmissionRecord.Outcome.DEDUPLICATED) {
            return deduplicated(submitted, answer.revSeq);
        }
        RevisionRecord revision = RevisionRecord.find(answer.articleKey, answer.revSeq).orElseThrow(() ->
                new IllegalStateException("submission " + answer.submissionId + " names a missing revision"));
        return archived(revision, revision.textHidden ? null : contents.text(revision.articleKey, revision.revSha1),
                otherSlots.load(revision.articleKey, revision.revSeq));
    }

    private ArticleRecord lockArticle(String articleKey, String title) {
        // Create the row if absent without failing when another consumer races us, then lock it.
        entityManager.createNativeQuery("""
                        INSERT INTO article (article_key, current_title, revision_count, created_at)
                        VALUES (?1, ?2, 0, ?3) ON CONFLICT (article_key) DO NOTHING""")
                .setParameter(1, articleKey)
                .setParameter(2, title)
                .setParameter(3, clock.instant())
                .executeUpdate();
        return entityManager.find(ArticleRecord.class, articleKey, LockModeType.PESSIMISTIC_WRITE);
    }

    private void recordSubmission(RevisionSubmitted submitted, Resolution resolution, Instant now) {
        SubmissionRecord record = new SubmissionRecord();
        record.submissionId = submitted.meta().id();
        record.articleKey = submitted.articleKey();
        record.revSeq = resolution.revSeq();
        record.outcome = resolution instanceof Resolution.NewRevision
                ? SubmissionRecord.Outcome.ARCHIVED : SubmissionRecord.Outcome.DEDUPLICATED;
        record.receivedAt = now;
        record.persist();
    }

    private RevisionRecord store(RevisionSubmitted submitted, ArticleRecord article, int revSeq, Instant now) {
        RevisionRecord revision = new RevisionRecord();
        revision.articleKey = submitted.articleKey();
        revision.revSeq = revSeq;
        revision.submissionId = submitted.meta().id();
        revision.idempotencyKey = submitted.idempotencyKey();
        revision.pageTitle = titleOf(submitted);
        revision.revTimestamp = submitted.revTimestamp();
        revision.revId = submitted.revId();
        revision.revParentId = submitted.revParentId();
        revision.performerId = submitted.performer() == null ? null : submitted.performer().userId();
        revision.performerText = submitted.performer() == null ? null : submitted.performer().userText();
        revision.comment = submitted.comment();
        Visibility visibility = submitted.visibility() == null ? Visibility.VISIBLE : submitted.visibility();
        revision.textHidden = visibility.textHidden();
        revision.commentHidden = visibility.commentHidden();
        revision.performerHidden = visibility.performerHidden();
        revision.source = SourceColumns.of(submitted.source());
        revision.archivedAt = now;
        if (revision.textHidden) {
            revision.revLen = -1;
        } else {
            // Recomputed, not trusted: the stored hash is the archive's own statement about the stored bytes.
            revision.revSha1 = ContentHash.sha1Hex(submitted.text());
            revision.revLen = ContentHash.utf8Length(submitted.text());
            contents.store(revision.articleKey, revision.revSha1, submitted.text());
        }
        revision.persist();
        article.revisionCount = revSeq;
        article.currentTitle = revision.pageTitle;
        return revision;
    }

    private static String titleOf(RevisionSubmitted submitted) {
        return submitted.pageTitle() == null ? submitted.articleKey() : submitted.pageTitle();
    }

    private static RevisionArchived archived(RevisionRecord revision, String text, List<ContentSlot> slots) {
        Performer performer = revision.performerId == null && revision.performerText == null
                ? null : new Performer(revision.performerId, revision.performerText);
        return new RevisionArchived(RevisionArchived.SCHEMA, answerMeta(revision.submissionId),
                revision.submissionId, revision.articleKey, revision.revSeq, revision.pageTitle,
                revision.revTimestamp, revision.revId, revision.revParentId, performer, revision.comment,
                text, revision.revSha1, revision.revLen, revision.archivedAt,
                null, // reverts are derived where the history is read, in edit order (ADR 0005)
                Visibility.of(revision.textHidden, revision.commentHidden, revision.performerHidden),
                revision.source == null ? null : revision.source.toSource(), slots);
    }

    private static SubmissionDeduplicated deduplicated(RevisionSubmitted submitted, int revSeq) {
        return new SubmissionDeduplicated(SubmissionDeduplicated.SCHEMA, answerMeta(submitted.meta().id()),
                submitted.meta().id(), submitted.articleKey(), revSeq);
    }

    /** The answer's id is derived from the submission's, so answering twice publishes the same event twice. */
    private static EventMeta answerMeta(UUID submissionId) {
        UUID id = UUID.nameUUIDFromBytes(("archive-answer:" + submissionId).getBytes(StandardCharsets.UTF_8));
        return new EventMeta(id, Topics.REVISIONS_ARCHIVED, Instant.now(), submissionId.toString());
    }
}
