package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.query.transparency.LogReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Applies archive events to the read model. Idempotent: applying an event any number of times, or replaying the
 * whole topic from offset 0, leaves the same rows as applying it once (every insert is
 * {@code ON CONFLICT DO NOTHING}, and the article summary only moves when a revision row was really inserted).
 * A redaction erases the texts of its revision and marks it (ADR 0013); replaying the topic reads the revision
 * first and its redaction after, and ends the same way. Main texts are kept as packs ({@link TextPacks}, ADR 0026):
 * those of {@link TextsArchived} events as shipped, those that came inline (events of earlier versions) packed
 * here.
 * The answers that are leaves of the archive's transparency logs are appended to the read model's copy of them
 * ({@link LogReplica}) in the same transaction.
 * Each call is one transaction: either everything an event (or a batch of events, {@link #applyAll}) implies is
 * stored, or nothing is; an event that breaks an invariant is refused before anything of it is written.
 *
 * <p>Writes (ADR 0033): a batch's events are checked one by one, in order, and their rows held
 * ({@link PendingWrites}), then written a table at a time in multi-row statements ({@link RevisionRows},
 * {@link TextPacks#flush}): a few round trips a batch instead of several a revision. Every check of an event sees the
 * rows of the events before it, written or held. Redactions, rejected redactions and revisions whose text came
 * inline are applied alone, with everything before them written first.
 */
@ApplicationScoped
public class ReadModelWriter {

    private static final Logger LOG = Logger.getLogger(ReadModelWriter.class);

    /** What applying one event did. */
    public enum Outcome {
        /** New rows were stored. */
        APPLIED,
        /** Everything the event says was already stored: a redelivery or a replay. */
        ALREADY_APPLIED
    }

    private static final String RECORD_REDACTION = """
            INSERT INTO redaction (redaction_id, article_key, rev_seq, outcome, reason, performer_user_text,
                                   performer_user_id, requested_at, redacted_at, rejection)
            VALUES (:id, :articleKey, :revSeq, :outcome, :reason, :userText, :userId, :requestedAt, :redactedAt,
                    :rejection)
            ON CONFLICT (redaction_id) DO NOTHING
            """;

    // Marks a revision the read model holds and has a redaction for with the first redaction, erases its other
    // slots' texts, and says which main text to erase from the packs (TextPacks.erase). Run after a redaction is
    // recorded and after a revision is inserted, so the order in which the two arrive does not matter; a revision
    // already marked is left alone, so running it again changes nothing.
    private static final String MARK_REDACTED = """
            WITH first AS (
                SELECT redacted_at, performer_user_text, reason FROM redaction
                WHERE article_key = :articleKey AND rev_seq = :revSeq AND outcome = 'REDACTED'
                ORDER BY redacted_at, redaction_id LIMIT 1),
            marked AS (
                UPDATE revision r SET redacted_at = first.redacted_at,
                    redacted_by = first.performer_user_text, redaction_reason = first.reason
                FROM first
                WHERE r.article_key = :articleKey AND r.rev_seq = :revSeq AND r.redacted_at IS NULL
                RETURNING r.rev_seq, r.rev_sha1),
            slots AS (
                UPDATE revision_slot s SET text = NULL FROM marked
                WHERE s.article_key = :articleKey AND s.rev_seq = marked.rev_seq)
            SELECT rev_sha1 FROM marked
            """;

    private final EntityManager entityManager;
    private final TextPacks texts;
    private final LogReplica logs;
    private final dev.palimpsest.query.sealing.TextKeyRing keyRing;

    public ReadModelWriter(EntityManager entityManager, TextPacks texts, LogReplica logs,
                           dev.palimpsest.query.sealing.TextKeyRing keyRing) {
        this.entityManager = entityManager;
        this.texts = texts;
        this.logs = logs;
        this.keyRing = keyRing;
    }

    /** What applying one event of a batch did; {@code refusal} says why an invalid event was skipped. */
    public record Applied(ArchiveEvent event, Outcome outcome, InvalidArchiveEvent refusal) {
    }

    /**
     * Stores what {@code events} say, in order, in one transaction (one commit for the batch instead of one per
     * event). An event that breaks an invariant is skipped, and said so in its {@link Applied}; the others are
     * stored.
     */
    @Transactional
    public List<Applied> applyAll(List<ArchiveEvent> events) {
        return applyEach(events);
    }

    /**
     * {@link #applyAll} into the read model held by another PostgreSQL schema (a generation being rebuilt beside
     * the live one, ADR 0024), with the same guarantees. The schema becomes the transaction's search path
     * ({@code set_config(…, true)}, i.e. {@code SET LOCAL}): every statement of the transaction, the native ones and
     * Panache's, resolves its tables there, and the pooled connection goes back to the pool with its own search
     * path when the transaction ends, whether it commits or rolls back.
     */
    @Transactional
    public List<Applied> applyAllIn(String schema, List<ArchiveEvent> events) {
        entityManager.createNativeQuery("SELECT set_config('search_path', quote_ident(:schema), true)")
                .setParameter("schema", schema).getSingleResult();
        return applyEach(events);
    }

    private List<Applied> applyEach(List<ArchiveEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        InvalidArchiveEvent[] refusals = new InvalidArchiveEvent[events.size()];
        PendingWrites pending = new PendingWrites();
        texts.locate(pending, namedTexts(events));
        for (int i = 0; i < events.size(); i++) {
            ArchiveEvent event = events.get(i);
            try {
                if (!takeInto(pending, outcomes, i, event)) {
                    // a redaction, or a text that came inline: applied alone, after everything before it
                    flush(pending, outcomes);
                    outcomes[i] = applyAlone(pending, outcomes, i, event);
                }
            } catch (InvalidArchiveEvent refused) {
                // thrown by the checks that run before any of the event's rows are written or pending: nothing of
                // it is stored
                refusals[i] = refused;
            }
        }
        flush(pending, outcomes);
        // every answer that is a leaf, refused by the read model or not: the log holds it either way
        logs.append(events);
        List<Applied> applied = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            applied.add(new Applied(events.get(i), refusals[i] == null ? outcomes[i] : null, refusals[i]));
        }
        return applied;
    }

    /** The texts {@code events} name: those of packs, their bases, and those of revisions that travelled in packs. */
    private static List<PendingWrites.TextKey> namedTexts(List<ArchiveEvent> events) {
        List<PendingWrites.TextKey> named = new ArrayList<>();
        for (ArchiveEvent event : events) {
            if (event instanceof TextsArchived pack) {
                pack.sha1s().forEach(sha1 -> named.add(new PendingWrites.TextKey(pack.articleKey(), sha1)));
                if (pack.baseSha1() != null) {
                    named.add(new PendingWrites.TextKey(pack.articleKey(), pack.baseSha1()));
                }
            } else if (event instanceof RevisionArchived archived && archived.textInPack()) {
                named.add(new PendingWrites.TextKey(archived.articleKey(),
                        archived.mainText().sha1().toLowerCase(Locale.ROOT)));
            }
        }
        return named;
    }

    /**
     * Stores what {@code event} says, unless it is already stored.
     *
     * @throws InvalidArchiveEvent if the event breaks an invariant of the read model; nothing is stored
     */
    @Transactional
    public Outcome apply(ArchiveEvent event) {
        Applied applied = applyEach(List.of(event)).get(0);
        if (applied.refusal() != null) {
            throw applied.refusal();
        }
        return applied.outcome();
    }

    /**
     * Adds the rows of a pack, of a revision whose text travelled in a pack, or of a deduplicated submission to
     * {@code pending}, after the checks that may refuse it. A pack's outcome is known now; the others' when their
     * rows are written ({@link #flush}).
     *
     * @return false if the event is of another kind, applied alone by {@link #applyAlone}
     */
    private boolean takeInto(PendingWrites pending, Outcome[] outcomes, int index, ArchiveEvent event) {
        if (event instanceof TextsArchived pack) {
            outcomes[index] = texts.store(pack, pending) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
            return true;
        }
        if (event instanceof RevisionArchived archived && archived.mainText().text() == null) {
            addRevision(pending, index, archived, validatedSha1(pending, archived));
            return true;
        }
        if (event instanceof SubmissionDeduplicated deduplicated) {
            requirePositive(deduplicated.revSeq());
            pending.submissions.add(new PendingWrites.SubmissionRow(index, deduplicated.submissionId(),
                    deduplicated.articleKey(), deduplicated.revSeq()));
            return true;
        }
        return false;
    }

    private void addRevision(PendingWrites pending, int index, RevisionArchived event, String revSha1) {
        List<ContentSlot> slots = validatedSlots(event);
        String source = StoredSource.write(event.source(), event.articleKey(), revSha1);
        pending.addRevision(new PendingWrites.RevisionRow(index, event, revSha1, source, slots));
        pending.submissions.add(new PendingWrites.SubmissionRow(index, event.submissionId(), event.articleKey(),
                event.revSeq()));
    }

    /** An event applied with nothing pending before it, and written at once. */
    private Outcome applyAlone(PendingWrites pending, Outcome[] outcomes, int index, ArchiveEvent event) {
        if (event instanceof RevisionArchived archived) {
            // an event of 1.2.0 or earlier: its text is packed here (once per article, as packs are)
            String revSha1 = validatedSha1(pending, archived);
            if (revSha1 != null && Revision.of(archived.articleKey(), archived.revSeq()).isEmpty()) {
                texts.storeInline(pending, archived.articleKey(), revSha1, archived.mainText().text().utf8(),
                        previousSha1(archived));
            }
            addRevision(pending, index, archived, revSha1);
            flush(pending, outcomes);
            return outcomes[index];
        }
        if (event instanceof RevisionRedacted redacted) {
            return redact(pending, redacted);
        }
        if (event instanceof RedactionRejected rejected) {
            requireStorable(rejected);
            return recordRedaction(rejected.requestId(), rejected.articleKey(), rejected.revSeq(), "REJECTED", null,
                    null, null, null, rejected.detail()) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
        }
        throw new InvalidArchiveEvent("unknown kind of archive event " + event.getClass().getName());
    }

    /**
     * Writes what {@code pending} holds: the packs and text rows, the revision rows in one multi-row insert (which
     * says which were new), the article summaries they move (one row each, computed from the rows locked), the
     * submissions in one more; then erases again the texts of the revisions a redaction names (a redaction read
     * before its revision, or a pack delivered again that brought back a text a redaction had erased). Sets the
     * outcomes of the events whose rows these were.
     */
    private void flush(PendingWrites pending, Outcome[] outcomes) {
        if (pending.isEmpty()) {
            return;
        }
        texts.flush(pending);
        List<PendingWrites.RevisionRow> revisions = List.copyOf(pending.revisions);
        List<PendingWrites.SubmissionRow> submissions = List.copyOf(pending.submissions);
        pending.clearRows();
        Set<Integer> inserted = new HashSet<>();
        Set<Integer> recorded = new HashSet<>();
        List<PendingWrites.RevisionKey> redacted = new ArrayList<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            inserted.addAll(RevisionRows.insert(connection, revisions));
            RevisionRows.insertSlots(connection, revisions, inserted);
            RevisionRows.placeHeldInLog(connection, revisions, inserted);
            RevisionRows.countInArticles(connection, revisions, inserted);
            recorded.addAll(RevisionRows.recordSubmissions(connection, submissions));
            redacted.addAll(RevisionRows.redactedAmong(connection, revisions));
        });
        for (PendingWrites.RevisionRow row : revisions) {
            if (!inserted.contains(row.index())) {
                warnIfRenumbered(row.event());
            }
        }
        for (PendingWrites.RevisionKey key : redacted) {
            eraseIfRedacted(pending, key.articleKey(), key.revSeq());
        }
        for (PendingWrites.SubmissionRow row : submissions) {
            outcomes[row.index()] = recorded.contains(row.index()) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
        }
        for (PendingWrites.RevisionRow row : revisions) {
            if (inserted.contains(row.index())) {
                outcomes[row.index()] = Outcome.APPLIED;
            }
        }
    }

    /**
     * Records the redaction and erases the revision's texts. A redaction of a revision this read model has not seen
     * (it cannot come first from the archive, which answers in article order, but a read model fed otherwise might)
     * is kept and applied when the revision arrives. Events of RevisionArchived delivered again after the
     * redaction insert nothing (their rows exist), so they cannot bring the text back.
     */
    private Outcome redact(PendingWrites pending, RevisionRedacted event) {
        requirePositive(event.revSeq());
        for (String field : new String[] {event.reason(),
                event.performer() == null ? null : event.performer().userText()}) {
            if (field != null && field.indexOf('\0') >= 0) {
                throw new InvalidArchiveEvent("a text field contains NUL, which the read model cannot store");
            }
        }
        boolean recorded = recordRedaction(event.requestId(), event.articleKey(), event.revSeq(), "REDACTED",
                event.reason(), event.performer(), event.requestedAt(), event.redactedAt(), null);
        if (event.erasure() != null) {
            eraseForGood(pending, event);
        }
        eraseIfRedacted(pending, event.articleKey(), event.revSeq());
        return recorded ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    /**
     * An erasure (ADR 0042): the article's texts came again sealed with its new key just before; what the old keys
     * sealed goes, with the erased text, and every revision that had it is marked redacted (if it was not) and
     * erased by this redaction.
     */
    private void eraseForGood(PendingWrites pending, RevisionRedacted event) {
        List<?> sha1 = nativeQuery("""
                        SELECT rev_sha1 FROM revision WHERE article_key = :articleKey AND rev_seq = :revSeq
                        AND rev_sha1 IS NOT NULL""")
                .setParameter("articleKey", event.articleKey(), String.class)
                .setParameter("revSeq", event.revSeq(), Integer.class)
                .getResultList();
        if (!sha1.isEmpty()) {
            texts.eraseForGood(pending, event.articleKey(), sha1.get(0).toString().trim(),
                    event.erasure().keyEpoch());
        }
        nativeQuery("""
                        WITH marked AS (
                            UPDATE revision SET redacted_at = coalesce(redacted_at, :at),
                                redacted_by = CASE WHEN redacted_at IS NULL THEN :by ELSE redacted_by END,
                                redaction_reason = coalesce(redaction_reason, :reason), erased_by = :id
                            WHERE article_key = :articleKey AND rev_seq = ANY(CAST(:revisions AS int[]))
                            RETURNING rev_seq)
                        UPDATE revision_slot s SET text = NULL FROM marked
                        WHERE s.article_key = :articleKey AND s.rev_seq = marked.rev_seq""")
                .setParameter("at", event.redactedAt(), Instant.class)
                .setParameter("by", event.performer() == null ? null : event.performer().userText(), String.class)
                .setParameter("reason", event.reason(), String.class)
                .setParameter("id", event.requestId(), UUID.class)
                .setParameter("articleKey", event.articleKey(), String.class)
                .setParameter("revisions", event.erasure().revisions().toArray(Integer[]::new), Integer[].class)
                .executeUpdate();
        provenanceStale(event.articleKey());
    }

    /**
     * A text that was attributed is not readable any more: the article's provenance is computed again without it
     * (ADR 0044), in the same transaction as the mark, so a crash cannot leave provenance derived from it.
     */
    private void provenanceStale(String articleKey) {
        nativeQuery("""
                        INSERT INTO provenance_article (article_key, tokenizer, revisions_seen, attributed, stale_marks)
                        VALUES (:articleKey, '', 0, 0, 1)
                        ON CONFLICT (article_key) DO UPDATE SET stale_marks = provenance_article.stale_marks + 1""")
                .setParameter("articleKey", articleKey, String.class)
                .executeUpdate();
    }

    private static void requireStorable(RedactionRejected event) {
        if (event.detail().indexOf('\0') >= 0) {
            throw new InvalidArchiveEvent("a text field contains NUL, which the read model cannot store");
        }
    }

    private boolean recordRedaction(UUID id, String articleKey, int revSeq, String outcome, String reason,
                                    dev.palimpsest.events.Performer performer, Instant requestedAt,
                                    Instant redactedAt, String rejection) {
        return nativeQuery(RECORD_REDACTION)
                .setParameter("id", id, UUID.class)
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("revSeq", revSeq, Integer.class)
                .setParameter("outcome", outcome, String.class)
                .setParameter("reason", reason, String.class)
                .setParameter("userText", performer == null ? null : performer.userText(), String.class)
                .setParameter("userId", performer == null ? null : performer.userId(), Long.class)
                .setParameter("requestedAt", requestedAt, Instant.class)
                .setParameter("redactedAt", redactedAt, Instant.class)
                .setParameter("rejection", rejection, String.class)
                .executeUpdate() == 1;
    }

    private void eraseIfRedacted(PendingWrites pending, String articleKey, int revSeq) {
        List<?> marked = nativeQuery(MARK_REDACTED)
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("revSeq", revSeq, Integer.class)
                .getResultList();
        if (!marked.isEmpty()) {
            provenanceStale(articleKey);
        }
        // erased again when marked already: a redelivered pack may have brought the text back (erasing what is
        // not held changes nothing)
        List<?> redacted = nativeQuery("""
                        SELECT rev_sha1 FROM revision WHERE article_key = :articleKey AND rev_seq = :revSeq
                        AND redacted_at IS NOT NULL AND rev_sha1 IS NOT NULL""")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("revSeq", revSeq, Integer.class)
                .getResultList();
        for (Object sha1 : redacted) {
            texts.erase(pending, articleKey, sha1.toString().trim());
        }
    }

    /** The sha1 of the article's revision before {@code event}'s, if the read model holds one with a text. */
    private String previousSha1(RevisionArchived event) {
        List<?> found = nativeQuery("""
                        SELECT rev_sha1 FROM revision WHERE article_key = :articleKey AND rev_seq = :revSeq
                        AND rev_sha1 IS NOT NULL AND redacted_at IS NULL""")
                .setParameter("articleKey", event.articleKey(), String.class)
                .setParameter("revSeq", event.revSeq() - 1, Integer.class)
                .getResultList();
        return found.isEmpty() ? null : found.get(0).toString().trim();
    }

    /**
     * The read model promises the exact text behind every sha1 and length it shows, so a revision whose text does
     * not hash to its sha1 (or has another length) is refused rather than stored. A missing sha1 is
     * computed: it is derived data.
     *
     * @return the lowercase hex sha1 of the text
     */
    private String validatedSha1(PendingWrites pending, RevisionArchived event) {
        requirePositive(event.revSeq());
        Provenance provenance = event.provenance();
        if (provenance.revTimestamp() == null) {
            throw new InvalidArchiveEvent("rev_timestamp is missing, so the revision has no place in the history");
        }
        byte[] utf8 = event.mainText().text() == null ? null : event.mainText().text().utf8();
        // PostgreSQL text cannot hold NUL: the insert would fail on every retry and stall the partition
        String performer = provenance.performer() == null ? null : provenance.performer().userText();
        if (hasNul(provenance.pageTitle()) || hasNul(provenance.comment()) || hasNul(performer) || hasNul(utf8)) {
            throw new InvalidArchiveEvent("a text field contains NUL, which the read model cannot store");
        }
        if (Visibility.textHidden(event.visibility())) {
            if (event.mainText().sha1() != null) {
                throw new InvalidArchiveEvent("a hidden text cannot have a sha1");
            }
            return null; // hidden at the source: nothing to hash
        }
        if (utf8 == null) {
            return shippedSha1(pending, event);
        }
        String actual = ContentHash.sha1Hex(utf8);
        if (event.mainText().sha1() != null && !event.mainText().sha1().equalsIgnoreCase(actual)) {
            throw new InvalidArchiveEvent("rev_sha1 " + event.mainText().sha1() + " does not match the text (sha1 "
                    + actual + ")");
        }
        if (event.mainText().length() != utf8.length) {
            throw new InvalidArchiveEvent("rev_len " + event.mainText().length() + " does not match the text ("
                    + utf8.length + " UTF-8 bytes)");
        }
        return actual;
    }

    private static boolean hasNul(String field) {
        return field != null && field.indexOf('\0') >= 0;
    }

    /** In UTF-8 a zero byte is NUL and nothing else. */
    private static boolean hasNul(byte[] utf8) {
        if (utf8 != null) {
            for (byte b : utf8) {
                if (b == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The sha1 of a text that travelled in a pack before the event: the pack's texts are checked against their
     * sha1s whenever they are decompressed, so what remains is the length, which the pack declared. A revision
     * stored already (a redelivery) is not checked again: its text may have been erased by a redaction since.
     */
    private String shippedSha1(PendingWrites pending, RevisionArchived event) {
        String sha1 = event.mainText().sha1().toLowerCase(Locale.ROOT);
        OptionalInt held = texts.length(pending, event.articleKey(), sha1);
        if (held.isEmpty()) {
            if (pending.holdsRevision(event.articleKey(), event.revSeq())
                    || Revision.of(event.articleKey(), event.revSeq()).isPresent()
                    // replayed after an erasure: packs sealed with a destroyed key were skipped, and what the
                    // article kept comes again later, sealed with its new key (ADR 0042)
                    || keyRing.destroyedAny(event.articleKey())) {
                return sha1;
            }
            throw new InvalidArchiveEvent("revision " + event.revSeq() + " names text " + sha1
                    + ", which no pack before it carried");
        }
        int length = held.getAsInt();
        if (event.mainText().length() != length) {
            throw new InvalidArchiveEvent("rev_len " + event.mainText().length() + " does not match the text (" + length
                    + " UTF-8 bytes)");
        }
        return sha1;
    }

    /** The other slots' texts get the same promise as the main text: their sha1 and length are checked. */
    private static List<ContentSlot> validatedSlots(RevisionArchived event) {
        List<ContentSlot> slots = ContentSlot.orNone(event.slots());
        Set<String> roles = new HashSet<>();
        for (ContentSlot slot : slots) {
            if (ContentSlot.MAIN.equals(slot.role()) || !roles.add(slot.role())) {
                throw new InvalidArchiveEvent("slot role " + slot.role() + " is the main slot or repeated");
            }
            if (slot.textHidden()) {
                continue;
            }
            if (slot.text().indexOf('\0') >= 0) {
                throw new InvalidArchiveEvent("the " + slot.role() + " slot contains NUL, which the read model"
                        + " cannot store");
            }
            ContentSlot recomputed = ContentSlot.of(slot.role(), slot.model(), slot.format(), slot.text(), false);
            if (!recomputed.sha1().equalsIgnoreCase(String.valueOf(slot.sha1())) || recomputed.len() != slot.len()) {
                throw new InvalidArchiveEvent("the " + slot.role() + " slot's sha1 or length does not match its text");
            }
        }
        return slots;
    }


    private static void requirePositive(int revSeq) {
        if (revSeq < 1) {
            throw new InvalidArchiveEvent("rev_seq must be positive, got " + revSeq);
        }
    }

    private void warnIfRenumbered(RevisionArchived event) {
        Revision.of(event.articleKey(), event.revSeq())
                .filter(stored -> !stored.submissionId.equals(event.submissionId()))
                .ifPresent(stored -> LOG.warnf("%s #%d is already stored from submission %s; kept it and ignored"
                                + " submission %s (was the archive rebuilt without rebuilding this read model?)",
                        event.articleKey(), event.revSeq(), stored.submissionId, event.submissionId()));
    }

    private NativeQuery<?> nativeQuery(String sql) {
        return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
    }
}
