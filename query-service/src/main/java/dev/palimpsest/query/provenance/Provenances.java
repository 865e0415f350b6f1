package dev.palimpsest.query.provenance;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.provenance.WikitextTokens;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionReads;
import dev.palimpsest.query.redaction.RedactionMark;
import dev.palimpsest.query.revision.Author;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who wrote each token of a revision, for the API, the pages and the CLI alike: catches the article's provenance up
 * first ({@link ArticleAttributions}), then reads it ({@link ProvenanceReads}). A revision whose text cannot be read
 * has no provenance (410, as its text).
 */
@ApplicationScoped
public class Provenances {

    /** How long a read waits for another attribution of the same article before answering 503. */
    static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 100;

    private final ArticleAttributions attributions;
    private final ProvenanceReads reads;

    public Provenances(ArticleAttributions attributions, ProvenanceReads reads) {
        this.attributions = attributions;
        this.reads = reads;
    }

    /** A revision's provenance, resolved: for each token its origin. */
    public record Blame(Revision revision, String text, int[] spans, int[] numbers, int[] originOfToken,
                        Map<Integer, TokenOrigin> origins, List<AuthorShare> authors) {

        public int tokenCount() {
            return originOfToken.length;
        }

        /** The tokens in order as runs: {origin revSeq, how many tokens}. */
        public List<int[]> runs() {
            List<int[]> runs = new ArrayList<>();
            for (int i = 0; i < originOfToken.length; ) {
                int length = 1;
                while (i + length < originOfToken.length && originOfToken[i + length] == originOfToken[i]) {
                    length++;
                }
                runs.add(new int[] {originOfToken[i], length});
                i += length;
            }
            return runs;
        }

        /**
         * The whole text cut where the origin changes: each piece from its run's first token to the next run's
         * (the whitespace between two runs stays with the first; the text before the first token with the first).
         */
        public List<Piece> pieces() {
            List<Piece> pieces = new ArrayList<>();
            int token = 0;
            for (int[] run : runs()) {
                int start = token == 0 ? 0 : spans[2 * token];
                token += run[1];
                int end = token == originOfToken.length ? text.length() : spans[2 * token];
                pieces.add(new Piece(run[0], text.substring(start, end)));
            }
            if (pieces.isEmpty() && !text.isEmpty()) {
                pieces.add(new Piece(0, text));
            }
            return pieces;
        }

        public String token(int index) {
            return text.substring(spans[2 * index], spans[2 * index + 1]);
        }
    }

    /** A stretch of a revision's text introduced by one revision ({@code origin}; 0 for a text of no tokens). */
    public record Piece(int origin, String text) {
    }

    /** The provenance of {@code revision}: 410 when its text cannot be read, 503 while another attributes it. */
    public Blame of(Revision revision) {
        String text = readable(revision);
        ProvenanceReads.Attributed attributed = attributedTokens(revision);
        int[] spans = WikitextTokens.spans(text);
        if (attributed.tokens().length * 2 != spans.length) {
            // attributed with other token rules (a runtime whose Unicode tables differ): attributed again
            attributions.markStale(revision.articleKey);
            attributed = attributedTokens(revision);
        }
        int[] numbers = attributed.tokens();
        if (numbers.length * 2 != spans.length) {
            throw new IllegalStateException("the provenance of " + revision.articleKey + " #" + revision.revSeq
                    + " counts " + numbers.length + " tokens, its text has " + spans.length / 2);
        }
        int[] originOfToken = new int[numbers.length];
        Set<Integer> originSeqs = new LinkedHashSet<>();
        for (int i = 0; i < numbers.length; i++) {
            originOfToken[i] = attributed.origins().originOf(numbers[i]);
            originSeqs.add(originOfToken[i]);
        }
        Map<Integer, TokenOrigin> origins = new LinkedHashMap<>();
        Map<Integer, ProvenanceReads.OriginRevision> found = reads.originRevisions(revision.articleKey, originSeqs);
        originSeqs.stream().sorted().forEach(seq -> origins.put(seq, TokenOrigin.of(Objects.requireNonNull(
                found.get(seq), () -> "origin #" + seq + " of " + revision.articleKey + " is no revision"))));
        return new Blame(revision, text, spans, numbers, originOfToken, origins, shares(originOfToken, origins));
    }

    /** The history of the token at {@code index} in {@code revision}'s text: 404 when there is no such token. */
    public TokenHistoryView tokenHistory(Revision revision, int index) {
        Blame blame = of(revision);
        if (index < 0 || index >= blame.tokenCount()) {
            throw new ProblemException(QueryProblem.TOKEN_NOT_FOUND, "revision " + revision.revSeq + " of '"
                    + revision.articleKey + "' has " + blame.tokenCount() + " tokens (0 to "
                    + (blame.tokenCount() - 1) + "); no token " + index);
        }
        List<int[]> changes = new ArrayList<>(); // {revSeq, 0 removed | 1 added | 2 reintroduced}
        boolean everHeld = false;
        for (int[] change : reads.presence(revision.articleKey, blame.numbers()[index])) {
            boolean held = change[1] == 1;
            changes.add(new int[] {change[0], held ? (everHeld ? 2 : 1) : 0});
            everHeld |= held;
        }
        Set<Integer> seqs = new LinkedHashSet<>();
        changes.forEach(change -> seqs.add(change[0]));
        seqs.add(blame.originOfToken()[index]);
        Map<Integer, ProvenanceReads.OriginRevision> found = reads.originRevisions(revision.articleKey, seqs);
        List<TokenHistoryView.TokenEvent> events = new ArrayList<>();
        for (int[] change : changes) {
            String kind = change[1] == 0 ? "removed" : change[1] == 1 ? "added" : "reintroduced";
            events.add(new TokenHistoryView.TokenEvent(kind, TokenOrigin.of(found.get(change[0]))));
        }
        return new TokenHistoryView(revision.articleKey, revision.revSeq, index, blame.token(index),
                blame.origins().get(blame.originOfToken()[index]), events);
    }

    /** The revision's text, or the 410 its text answers with. */
    static String readable(Revision revision) {
        if (revision.redacted()) {
            throw RedactionMark.gone(revision, "so its provenance is not shown");
        }
        if (revision.textHidden) {
            throw new ProblemException(QueryProblem.TEXT_HIDDEN, "the text of revision " + revision.revSeq + " of '"
                    + revision.articleKey + "' is hidden at its source, so its provenance is not shown");
        }
        return revision.text();
    }

    private ProvenanceReads.Attributed attributedTokens(Revision revision) {
        long deadline = System.nanoTime() + WAIT_FOR_OTHERS.toNanos();
        while (true) {
            ArticleAttributions.Outcome outcome = attributions.catchUp(revision.articleKey);
            if (outcome != ArticleAttributions.Outcome.BUSY) {
                var found = reads.attributed(revision.articleKey, revision.revSeq);
                if (found.isPresent()) {
                    return found.get();
                }
                // redacted since it was read (its attribution is gone with it), or archived again meanwhile
                RevisionReads.instance().numbered(revision.articleKey, revision.revSeq).ifPresent(Provenances::readable);
                throw new ProblemException(QueryProblem.PROVENANCE_PENDING, "the tokens of revision "
                        + revision.revSeq + " of '" + revision.articleKey + "' are being attributed again; ask"
                        + " again shortly");
            }
            if (System.nanoTime() > deadline) {
                throw new ProblemException(QueryProblem.PROVENANCE_PENDING, "the tokens of '" + revision.articleKey
                        + "' are being attributed elsewhere (a long history takes up to a minute); ask again"
                        + " shortly");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the provenance of " + revision.articleKey,
                        e);
            }
        }
    }

    /** Each author's tokens, most first; revisions whose author is hidden count together. */
    static List<AuthorShare> shares(int[] originOfToken, Map<Integer, TokenOrigin> origins) {
        record Who(Author author, boolean hidden) {
        }
        Map<Who, int[]> counts = new HashMap<>(); // {tokens}
        Map<Who, Set<Integer>> revisions = new HashMap<>();
        for (int origin : originOfToken) {
            TokenOrigin revision = origins.get(origin);
            Who who = new Who(revision.authorHidden() ? null : revision.author(), revision.authorHidden());
            counts.computeIfAbsent(who, w -> new int[1])[0]++;
            revisions.computeIfAbsent(who, w -> new LinkedHashSet<>()).add(origin);
        }
        List<AuthorShare> shares = new ArrayList<>();
        counts.forEach((who, count) -> shares.add(new AuthorShare(who.author(), who.hidden(), count[0],
                originOfToken.length == 0 ? 0 : Math.round(10_000.0 * count[0] / originOfToken.length) / 10_000.0,
                revisions.get(who).size())));
        shares.sort(Comparator.comparingInt(AuthorShare::tokens).reversed()
                .thenComparing(share -> share.author() == null || share.author().userText() == null ? ""
                        : share.author().userText()));
        return shares;
    }
}
