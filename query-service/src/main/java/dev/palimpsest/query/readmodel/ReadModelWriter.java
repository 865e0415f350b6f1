package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.events.kafka.EventJson;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.TextsArchived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * Each call is one transaction: either everything an event (or a batch of events, {@link #applyAll}) implies is
 * stored, or nothing is; an event that breaks an invariant is refused before anything of it is written.
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

    private static final String INSERT_REVISION = """
            INSERT INTO revision (article_key, rev_seq, page_title, rev_timestamp, archived_at, rev_id, rev_parent_id,
                                  performer_user_text, performer_user_id, comment, rev_sha1, rev_len,
                                  submission_id, text_hidden, comment_hidden, performer_hidden, source)
            VALUES (:articleKey, :revSeq, :pageTitle, :revTimestamp, :archivedAt, :revId, :revParentId,
                    :userText, :userId, :comment, :revSha1, :revLen, :submissionId,
                    :textHidden, :commentHidden, :performerHidden, CAST(:source AS jsonb))
            ON CONFLICT (article_key, rev_seq) DO NOTHING
            """;

    // Run only after a revision row was inserted, so a redelivered event never counts twice. The new revision
    // becomes the latest if it is later in history order (edit time, source revision id, sequence number):
    // backfilled older revisions leave the title.
    private static final String COUNT_REVISION_IN_ARTICLE = """
            INSERT INTO article AS a (article_key, title, revision_count, first_rev_timestamp, last_rev_timestamp,
                                      latest_rev_seq, latest_rev_tie_break)
            VALUES (:articleKey, :pageTitle, 1, :revTimestamp, :revTimestamp, :revSeq, :tieBreak)
            ON CONFLICT (article_key) DO UPDATE SET
                revision_count = a.revision_count + 1,
                first_rev_timestamp = LEAST(a.first_rev_timestamp, EXCLUDED.first_rev_timestamp),
                last_rev_timestamp = GREATEST(a.last_rev_timestamp, EXCLUDED.last_rev_timestamp),
                latest_rev_seq = CASE WHEN %1$s THEN EXCLUDED.latest_rev_seq ELSE a.latest_rev_seq END,
                latest_rev_tie_break = CASE WHEN %1$s THEN EXCLUDED.latest_rev_tie_break
                    ELSE a.latest_rev_tie_break END,
                title = CASE WHEN %1$s THEN COALESCE(EXCLUDED.title, a.title) ELSE a.title END
            """.formatted("""
            (EXCLUDED.last_rev_timestamp, EXCLUDED.latest_rev_tie_break, EXCLUDED.latest_rev_seq)
                > (a.last_rev_timestamp, a.latest_rev_tie_break, a.latest_rev_seq)""");

    private static final String INSERT_SLOT = """
            INSERT INTO revision_slot (article_key, rev_seq, role, model, format, text, sha1, len, text_hidden)
            VALUES (:articleKey, :revSeq, :role, :model, :format, :text, :sha1, :len, :textHidden)
            ON CONFLICT (article_key, rev_seq, role) DO NOTHING
            """;

    private static final String RECORD_SUBMISSION = """
            INSERT INTO submission (submission_id, article_key, rev_seq)
            VALUES (:submissionId, :articleKey, :revSeq)
            ON CONFLICT (submission_id) DO NOTHING
            """;

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

    public ReadModelWriter(EntityManager entityManager, TextPacks texts) {
        this.entityManager = entityManager;
        this.texts = texts;
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
        List<Applied> applied = new ArrayList<>(events.size());
        for (ArchiveEvent event : events) {
            try {
                applied.add(new Applied(event, applyOne(event), null));
            } catch (InvalidArchiveEvent refused) {
                // thrown by the checks that run before any of the event's writes: nothing of it is stored
                applied.add(new Applied(event, null, refused));
            }
        }
        return applied;
    }

    /**
     * Stores what {@code event} says, unless it is already stored.
     *
     * @throws InvalidArchiveEvent if the event breaks an invariant of the read model; nothing is stored
     */
    @Transactional
    public Outcome apply(ArchiveEvent event) {
        return applyOne(event);
    }

    private Outcome applyOne(ArchiveEvent event) {
        if (event instanceof TextsArchived pack) {
            return texts.store(pack) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
        }
        if (event instanceof RevisionArchived archived) {
            return store(archived);
        }
        if (event instanceof SubmissionDeduplicated deduplicated) {
            requirePositive(deduplicated.revSeq());
            return recordSubmission(deduplicated.submissionId(), deduplicated.articleKey(), deduplicated.revSeq())
                    ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
        }
        if (event instanceof RevisionRedacted redacted) {
            return redact(redacted);
        }
        if (event instanceof RedactionRejected rejected) {
            requireStorable(rejected);
            return recordRedaction(rejected.requestId(), rejected.articleKey(), rejected.revSeq(), "REJECTED", null,
                    null, null, null, rejected.detail()) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
        }
        throw new InvalidArchiveEvent("unknown kind of archive event " + event.getClass().getName());
    }

    private Outcome store(RevisionArchived event) {
        String revSha1 = validatedSha1(event);
        List<ContentSlot> slots = validatedSlots(event);
        String source = sourceJson(event);
        int inserted = nativeQuery(INSERT_REVISION)
                .setParameter("articleKey", event.articleKey(), String.class)
                .setParameter("revSeq", event.revSeq(), Integer.class)
                .setParameter("pageTitle", event.pageTitle(), String.class)
                .setParameter("revTimestamp", event.revTimestamp(), Instant.class)
                .setParameter("archivedAt", event.archivedAt(), Instant.class)
                .setParameter("revId", event.revId(), Long.class)
                .setParameter("revParentId", event.revParentId(), Long.class)
                .setParameter("userText", event.performer() == null ? null : event.performer().userText(),
                        String.class)
                .setParameter("userId", event.performer() == null ? null : event.performer().userId(), Long.class)
                .setParameter("comment", event.comment(), String.class)
                .setParameter("revSha1", revSha1, String.class)
                .setParameter("revLen", event.revLen(), Long.class)
                .setParameter("submissionId", event.submissionId(), UUID.class)
                .setParameter("textHidden", Visibility.textHidden(event.visibility()), Boolean.class)
                .setParameter("commentHidden", event.visibility() != null && event.visibility().commentHidden(),
                        Boolean.class)
                .setParameter("performerHidden", event.visibility() != null && event.visibility().performerHidden(),
                        Boolean.class)
                .setParameter("source", source, String.class)
                .executeUpdate();
        if (inserted == 1) {
            if (revSha1 != null && event.text() != null) {
                // an event of 1.2.0 or earlier: its text is packed here (once per article, as packs are)
                texts.storeInline(event.articleKey(), revSha1, event.text(), previousSha1(event));
            }
            slots.forEach(slot -> insertSlot(event, slot));
            eraseIfRedacted(event.articleKey(), event.revSeq()); // a redaction read before its revision
            nativeQuery(COUNT_REVISION_IN_ARTICLE)
                    .setParameter("articleKey", event.articleKey(), String.class)
                    .setParameter("pageTitle", event.pageTitle(), String.class)
                    .setParameter("revTimestamp", event.revTimestamp(), Instant.class)
                    .setParameter("revSeq", event.revSeq(), Integer.class)
                    .setParameter("tieBreak", Revision.tieBreak(event.revId()), Long.class)
                    .executeUpdate();
        } else {
            warnIfRenumbered(event);
            // a pack delivered again before this event may have brought back a text a redaction had erased
            eraseIfRedacted(event.articleKey(), event.revSeq());
        }
        boolean recorded = recordSubmission(event.submissionId(), event.articleKey(), event.revSeq());
        return inserted == 1 || recorded ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    /**
     * Records the redaction and erases the revision's texts. A redaction of a revision this read model has not seen
     * (it cannot come first from the archive, which answers in article order, but a read model fed otherwise might)
     * is kept and applied when the revision arrives. Events of RevisionArchived delivered again after the
     * redaction insert nothing (their rows exist), so they cannot bring the text back.
     */
    private Outcome redact(RevisionRedacted event) {
        requirePositive(event.revSeq());
        for (String field : new String[] {event.reason(),
                event.performer() == null ? null : event.performer().userText()}) {
            if (field != null && field.indexOf('\0') >= 0) {
                throw new InvalidArchiveEvent("a text field contains NUL, which the read model cannot store");
            }
        }
        boolean recorded = recordRedaction(event.requestId(), event.articleKey(), event.revSeq(), "REDACTED",
                event.reason(), event.performer(), event.requestedAt(), event.redactedAt(), null);
        eraseIfRedacted(event.articleKey(), event.revSeq());
        return recorded ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
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

    private void eraseIfRedacted(String articleKey, int revSeq) {
        nativeQuery(MARK_REDACTED)
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("revSeq", revSeq, Integer.class)
                .getResultList();
        // erased again when marked already: a redelivered pack may have brought the text back (erasing what is
        // not held changes nothing)
        List<?> redacted = nativeQuery("""
                        SELECT rev_sha1 FROM revision WHERE article_key = :articleKey AND rev_seq = :revSeq
                        AND redacted_at IS NOT NULL AND rev_sha1 IS NOT NULL""")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("revSeq", revSeq, Integer.class)
                .getResultList();
        for (Object sha1 : redacted) {
            texts.erase(articleKey, sha1.toString().trim());
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
     * not hash to its {@code revSha1} (or has another length) is refused rather than stored. A missing sha1 is
     * computed: it is derived data.
     *
     * @return the lowercase hex sha1 of the text
     */
    private String validatedSha1(RevisionArchived event) {
        requirePositive(event.revSeq());
        if (event.revTimestamp() == null) {
            throw new InvalidArchiveEvent("rev_timestamp is missing, so the revision has no place in the history");
        }
        // PostgreSQL text cannot hold NUL: the insert would fail on every retry and stall the partition
        for (String field : new String[] {event.text(), event.pageTitle(), event.comment(),
                event.performer() == null ? null : event.performer().userText()}) {
            if (field != null && field.indexOf('\0') >= 0) {
                throw new InvalidArchiveEvent("a text field contains NUL, which the read model cannot store");
            }
        }
        if (Visibility.textHidden(event.visibility())) {
            if (event.revSha1() != null) {
                throw new InvalidArchiveEvent("a hidden text cannot have a sha1");
            }
            return null; // hidden at the source: nothing to hash
        }
        if (event.text() == null) {
            return shippedSha1(event);
        }
        byte[] utf8 = event.text().getBytes(StandardCharsets.UTF_8);
        String actual = ContentHash.sha1Hex(utf8);
        if (event.revSha1() != null && !event.revSha1().equalsIgnoreCase(actual)) {
            throw new InvalidArchiveEvent("rev_sha1 " + event.revSha1() + " does not match the text (sha1 "
                    + actual + ")");
        }
        if (event.revLen() != utf8.length) {
            throw new InvalidArchiveEvent("rev_len " + event.revLen() + " does not match the text (" + utf8.length
                    + " UTF-8 bytes)");
        }
        return actual;
    }

    /**
     * The sha1 of a text that travelled in a pack before the event: the pack's texts were checked against their
     * sha1s when it was stored, so what remains is the length. A revision stored already (a redelivery) is not
     * checked again: its text may have been erased by a redaction since.
     */
    private String shippedSha1(RevisionArchived event) {
        String sha1 = event.revSha1().toLowerCase(Locale.ROOT);
        Optional<String> text = texts.text(event.articleKey(), sha1);
        if (text.isEmpty()) {
            if (Revision.of(event.articleKey(), event.revSeq()).isPresent()) {
                return sha1;
            }
            throw new InvalidArchiveEvent("revision " + event.revSeq() + " names text " + sha1
                    + ", which no pack before it carried");
        }
        long length = ContentHash.utf8Length(text.get());
        if (event.revLen() != length) {
            throw new InvalidArchiveEvent("rev_len " + event.revLen() + " does not match the text (" + length
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

    private void insertSlot(RevisionArchived event, ContentSlot slot) {
        nativeQuery(INSERT_SLOT)
                .setParameter("articleKey", event.articleKey(), String.class)
                .setParameter("revSeq", event.revSeq(), Integer.class)
                .setParameter("role", slot.role(), String.class)
                .setParameter("model", slot.model(), String.class)
                .setParameter("format", slot.format(), String.class)
                .setParameter("text", slot.text(), String.class)
                .setParameter("sha1", slot.sha1() == null ? null : slot.sha1().toLowerCase(Locale.ROOT),
                        String.class)
                .setParameter("len", slot.len(), Long.class)
                .setParameter("textHidden", slot.textHidden(), Boolean.class)
                .executeUpdate();
    }

    private static String sourceJson(RevisionArchived event) {
        if (event.source() == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.writeValueAsString(event.source());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidArchiveEvent("source cannot be written as JSON: " + e.getOriginalMessage());
        }
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

    private boolean recordSubmission(UUID submissionId, String articleKey, int revSeq) {
        return nativeQuery(RECORD_SUBMISSION)
                .setParameter("submissionId", submissionId, UUID.class)
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("revSeq", revSeq, Integer.class)
                .executeUpdate() == 1;
    }

    private NativeQuery<?> nativeQuery(String sql) {
        return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
    }
}
