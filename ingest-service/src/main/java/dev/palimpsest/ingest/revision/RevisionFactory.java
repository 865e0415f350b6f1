package dev.palimpsest.ingest.revision;

import dev.palimpsest.events.ArticleKey;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.ingest.mediawiki.DumpRevision;
import dev.palimpsest.ingest.submission.SubmitRevisionRequest;
import dev.palimpsest.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place a {@link RevisionSubmitted} is made, for both doors of ingest: a single submission
 * ({@code POST /articles/{key}/revisions}) and each revision of an import ({@code POST /imports}). Both are checked
 * against the same {@link RevisionRules}; both get their hash, length and idempotency key the same way
 * ({@link IdempotencyKeys}: an imported revision is keyed by its source revision id, as a submission that names one).
 */
@ApplicationScoped
public class RevisionFactory {

    private final RevisionRules rules;

    @Inject
    public RevisionFactory(@ConfigProperty(name = "palimpsest.ingest.max-clock-skew") Duration maxClockSkew,
                           @ConfigProperty(name = "palimpsest.ingest.max-body-size") MemorySize maxRevisionSize) {
        this(new RevisionRules(Clock.systemUTC(), maxClockSkew, maxRevisionSize.asLongValue()));
    }

    public RevisionFactory(RevisionRules rules) {
        this.rules = rules;
    }

    /**
     * A single submission's event.
     *
     * @throws ProblemException {@code invalid-revision} naming every broken field rule at once, else
     *                          {@code invalid-timestamp} naming the timestamp's
     */
    public RevisionSubmitted submitted(ArticleKey articleKey, SubmitRevisionRequest request, String clientKey,
                                       String requestId) {
        Instant timestamp = request.timestamp() == null
                // the time of receipt, to the microsecond the archive keeps
                ? rules.now().truncatedTo(ChronoUnit.MICROS)
                : RevisionRules.parseTimestamp(request.timestamp());
        RevisionDraft draft = new RevisionDraft(articleKey, request.title(), timestamp, request.timestamp() != null,
                request.sourceRevisionId(), null, request.author() == null ? null : Performer.named(request.author()),
                request.comment(), request.text(), null, List.of(), null);
        List<RevisionRules.Violation> violations = rules.check(draft);
        List<String> fields = violations.stream().filter(v -> v.kind() == IngestProblem.INVALID_REVISION)
                .map(RevisionRules.Violation::detail).toList();
        if (!fields.isEmpty()) {
            throw new ProblemException(IngestProblem.INVALID_REVISION, String.join("; ", fields));
        }
        RevisionRules.Violation timing = timestamp == null ? RevisionRules.unreadableTimestamp(request.timestamp())
                : violations.isEmpty() ? null : violations.get(0);
        if (timing != null) {
            throw new ProblemException(timing.kind(), timing.detail());
        }
        return event(draft, clientKey, requestId);
    }

    /** An imported revision's event, or the rules it breaks (then it is rejected alone, the import goes on). */
    public Outcome imported(DumpRevision revision, String importId, String requestId) {
        if (!ArticleKey.isValid(revision.articleKey())) {
            return Outcome.refused(List.of(new RevisionRules.Violation(IngestProblem.INVALID_ARTICLE_KEY,
                    ArticleKey.RULE + "; '" + revision.articleKey() + "' is not (give the database name explicitly)")));
        }
        ArticleKey articleKey = new ArticleKey(revision.articleKey());
        MediaWikiSource source = new MediaWikiSource(revision.database(), revision.pageId(),
                revision.pageNamespace(), revision.minor(), revision.contentModel(), revision.contentFormat(),
                revision.sha1Base36(), importId);
        RevisionDraft draft = new RevisionDraft(articleKey, revision.pageTitle(), revision.timestamp(), true,
                revision.revId(), revision.parentId(), revision.contributor(), revision.comment(), revision.text(),
                Visibility.of(revision.textHidden(), revision.commentHidden(), revision.contributorHidden()),
                revision.otherSlots().stream().map(slot -> ContentSlot.of(slot.role(), slot.model(), slot.format(),
                        slot.text(), slot.hidden())).toList(), source);
        List<RevisionRules.Violation> violations = rules.check(draft);
        if (!violations.isEmpty()) {
            return Outcome.refused(violations);
        }
        RevisionSubmitted event = event(draft, null, requestId == null ? "import:" + importId : requestId);
        RevisionRules.Violation mismatch = RevisionRules.sourceHashMismatch(event);
        return mismatch == null ? new Outcome(event, List.of()) : Outcome.refused(List.of(mismatch));
    }

    /**
     * What became of one imported revision: its event, or the rules it breaks.
     *
     * @param event      null when refused
     * @param violations empty when accepted
     */
    public record Outcome(RevisionSubmitted event, List<RevisionRules.Violation> violations) {

        static Outcome refused(List<RevisionRules.Violation> violations) {
            return new Outcome(null, List.copyOf(violations));
        }

        /** Why it was refused, in the words of the rules, for the import's report. */
        public String reason() {
            return violations.stream().map(RevisionRules.Violation::detail).collect(Collectors.joining("; "));
        }
    }

    private static RevisionSubmitted event(RevisionDraft draft, String clientKey, String requestId) {
        EventMeta meta = EventMeta.now(Topics.REVISIONS_SUBMITTED, requestId);
        // a hidden text has no bytes here, so no sha1 and no length (-1, as MediaWiki writes bytes="-1")
        MainText text = MainText.of(draft.text());
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, meta, draft.articleKey().value(),
                new Provenance(draft.title(), draft.timestamp(), draft.revId(), draft.parentId(), draft.performer(),
                        draft.comment()),
                text, IdempotencyKeys.derive(draft, text.sha1(), clientKey, meta.id()), draft.source(),
                draft.visibility(), draft.slots());
    }
}
