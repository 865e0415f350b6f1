package dev.palimpsest.archive.history;

import dev.palimpsest.archive.history.TextPacks.HeldText;
import dev.palimpsest.archive.sealing.TextKeys;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns a batch's answers into what goes on the archived topic: the texts new to each article leave in
 * {@link TextsArchived} packs, published before the article's first answer of the batch, and the
 * {@link RevisionArchived} answers name their text by sha1 instead of carrying it (ADR 0026). The texts are read
 * from the {@link ContentStore} as UTF-8 bytes (those the batch stored are still held by its transaction).
 *
 * <p>Guarantees, which let the read model decode every pack from the topic alone, in order:
 * <ul>
 *     <li>a text is shipped when no earlier revision of the article has it, or when a revision that has it was
 *     redacted (the read model may then have erased it); otherwise the read model already holds it;</li>
 *     <li>a pack's base is the text of the article's latest revision before the batch, unless a revision with that
 *     text was redacted (then none); later packs of the same batch take the previous pack's last text. Every such
 *     text was shipped before the pack and not erased, so the read model holds it;</li>
 *     <li>a pack holds texts of one run of {@link #CHAIN_REVISIONS} revisions, and has no base when the revision
 *     its base is the text of is in another run;</li>
 *     <li>a replayed answer (a redelivered submission) ships its text again in a pack with no base, before the
 *     article's fresh packs of the batch (whose base may be that very text, if the instance that stored it died
 *     before publishing);</li>
 *     <li>pack ids are derived from the submission of the pack's first text, so a redelivered batch publishes
 *     events with equal ids (and equal texts; a sealed pack's bytes differ, by its random nonce);</li>
 *     <li>every pack is sealed with the article's current text key, with its texts' salts (ADR 0042); the consumer
 *     publishes the key before the pack.</li>
 * </ul>
 */
@ApplicationScoped
public class TextShipping {

    /** Raw bytes of text per pack at most (beside {@link TextsArchived#MAX_TEXTS}): one record stays well below
     * the 32 MiB the producer and the topic accept, whatever the texts' sizes. */
    static final long MAX_PACK_BYTES = 8L * 1024 * 1024;

    /**
     * An article's revisions fall in runs of this many; a pack holds texts of one run, and starts a chain afresh (no
     * base) when the revision its base is the text of (the article's latest before the batch, or the last of the
     * pack before) is in another run. A chain of packs then spans about this many revisions' texts (more when a
     * revert brought back an older text), so the read model can mostly keep the packs as shipped, without
     * decompressing them to bound its chains (ADR 0038).
     */
    static final int CHAIN_REVISIONS = 256;

    private final EntityManager entityManager;
    private final ContentStore contents;

    public TextShipping(EntityManager entityManager, ContentStore contents) {
        this.entityManager = entityManager;
        this.contents = contents;
    }

    /**
     * The events to publish for {@code answers}, in order.
     *
     * @param answers         the batch's answers; a revision names its text by sha1 (none when it is hidden)
     * @param replayed        the submissions whose answer was given before (their texts ship again, without base)
     * @param revisionsBefore per article of the batch, how many revisions it had before the batch
     */
    public List<ArchiveEvent> packed(List<ArchiveEvent> answers, Set<UUID> replayed,
                                     Map<String, Integer> revisionsBefore) {
        Map<String, List<RevisionArchived>> fresh = new LinkedHashMap<>();
        Map<String, List<RevisionArchived>> again = new LinkedHashMap<>();
        for (ArchiveEvent answer : answers) {
            if (answer instanceof RevisionArchived archived && archived.mainText().sha1() != null) {
                (replayed.contains(archived.submissionId()) ? again : fresh)
                        .computeIfAbsent(archived.articleKey(), key -> new ArrayList<>()).add(archived);
            }
        }
        Map<String, List<TextsArchived>> packs = new HashMap<>();
        // each article's current key, read once for the batch (its packs are sealed with it)
        Map<String, TextKey> keys = new HashMap<>();
        Function<String, TextKey> keyOf = articleKey -> keys.computeIfAbsent(articleKey, this::currentKey);
        // an erasure ships every text its article keeps again, sealed with the new key, before its answer (ADR 0042)
        for (ArchiveEvent answer : answers) {
            if (answer instanceof RevisionRedacted redacted && redacted.erasure() != null) {
                packs.computeIfAbsent(answer.articleKey(), key -> new ArrayList<>()).addAll(resealed(
                        answer.articleKey(), keyOf.apply(answer.articleKey()), redacted.requestId(), redacted.revSeq()));
            }
        }
        if (fresh.isEmpty() && again.isEmpty() && packs.isEmpty()) {
            return answers;
        }
        Map<String, Held> held = fresh.isEmpty() ? Map.of() : held(fresh.keySet(), revisionsBefore, fresh);
        // Replayed texts first: a fresh pack is primed with the article's latest text before the batch, which may be
        // a replayed revision's, stored by an instance that died before publishing it (so shipped nowhere else).
        again.forEach((articleKey, revisions) -> packs.computeIfAbsent(articleKey, key -> new ArrayList<>())
                .addAll(packsOf(articleKey, keyOf.apply(articleKey), distinctTexts(articleKey, revisions), null, 0,
                        "archive-texts-replay:")));
        fresh.forEach((articleKey, revisions) -> packs.computeIfAbsent(articleKey, key -> new ArrayList<>())
                .addAll(freshPacks(articleKey, keyOf, revisions, held.get(articleKey))));
        List<ArchiveEvent> published = new ArrayList<>(answers.size() + packs.size());
        for (ArchiveEvent answer : answers) {
            List<TextsArchived> before = packs.remove(answer.articleKey());
            if (before != null) {
                published.addAll(before);
            }
            published.add(answer);
        }
        return published;
    }

    private List<TextsArchived> freshPacks(String articleKey, Function<String, TextKey> keyOf,
                                           List<RevisionArchived> revisions, Held held) {
        Map<String, Shipped> texts = new LinkedHashMap<>();
        for (RevisionArchived revision : revisions) {
            String sha1 = revision.mainText().sha1();
            if (!texts.containsKey(sha1) && (!held.sha1s.contains(sha1) || held.redacted.contains(sha1))) {
                texts.put(sha1, shipped(articleKey, revision));
            }
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        String baseSha1 = held.latestSha1 == null || held.redacted.contains(held.latestSha1) ? null : held.latestSha1;
        return packsOf(articleKey, keyOf.apply(articleKey), List.copyOf(texts.values()), baseSha1, held.latestRevSeq,
                "archive-texts:");
    }

    /** {@code texts} in packs of at most {@link TextsArchived#MAX_TEXTS} texts and {@link #MAX_PACK_BYTES} of one run
     * of {@link #CHAIN_REVISIONS} revisions, each primed with the text before it unless that is of another run.
     *
     * @param baseRevSeq the revision whose text {@code baseSha1} is (ignored when {@code baseSha1} is null) */
    private List<TextsArchived> packsOf(String articleKey, TextKey key, List<Shipped> texts, String baseSha1,
                                        int baseRevSeq, String idPrefix) {
        List<TextsArchived> packs = new ArrayList<>();
        String currentBaseSha1 = baseSha1 != null && sameChainRun(baseRevSeq, texts.get(0).revSeq) ? baseSha1 : null;
        byte[] base = currentBaseSha1 == null ? null : contents.utf8(articleKey, currentBaseSha1);
        int from = 0;
        while (from < texts.size()) {
            int to = from;
            long bytes = 0;
            while (to < texts.size() && to - from < TextsArchived.MAX_TEXTS
                    && (to == from || bytes + texts.get(to).utf8.length <= MAX_PACK_BYTES
                        && sameChainRun(texts.get(from).revSeq, texts.get(to).revSeq))) {
                bytes += texts.get(to).utf8.length;
                to++;
            }
            List<Shipped> chunk = texts.subList(from, to);
            Shipped first = chunk.get(0);
            UUID id = UUID.nameUUIDFromBytes((idPrefix + first.submissionId).getBytes(StandardCharsets.UTF_8));
            packs.add(sealed(articleKey, key, id, first.submissionId, first.revSeq, currentBaseSha1, base, chunk, null));
            Shipped last = chunk.get(chunk.size() - 1);
            from = to;
            boolean primed = from < texts.size() && sameChainRun(last.revSeq, texts.get(from).revSeq);
            base = primed ? last.utf8 : null;
            currentBaseSha1 = primed ? last.sha1 : null;
        }
        return packs;
    }

    /** The article's current text key (made, epoch 1, for an article that has none yet). */
    private TextKey currentKey(String articleKey) {
        return entityManager.unwrap(Session.class).doReturningWork(connection ->
                TextKeys.current(connection, articleKey));
    }

    /**
     * {@code texts} in one pack primed with {@code base}, sealed with {@code key} and their salts.
     *
     * @param resealedFor the erasure the texts are shipped again for, or null for texts new to the article
     */
    private static TextsArchived sealed(String articleKey, TextKey key, UUID id, UUID submissionId, int revSeq,
                                        String baseSha1, byte[] base, List<Shipped> texts, UUID resealedFor) {
        byte[] pack = PackCodec.packUtf8(texts.stream().map(Shipped::utf8).toList(), base, PackCodec.DEFAULT_LEVEL);
        return new TextsArchived(TextsArchived.SCHEMA,
                new EventMeta(id, Topics.REVISIONS_ARCHIVED, Instant.now(), submissionId.toString()),
                submissionId, articleKey, revSeq, baseSha1, texts.stream().map(Shipped::sha1).toList(),
                texts.stream().map(text -> text.utf8.length).toList(),
                SealedPack.seal(key, articleKey, texts.stream().map(Shipped::salt).toList(), pack), key.epoch(),
                resealedFor);
    }

    /**
     * Every text the article keeps, in their order of arrival, in packs sealed with its current key and marked as
     * shipped again for the erasure {@code redactionId}: a reader replaces its copies with them. Chains restart every
     * {@link #CHAIN_REVISIONS} texts, as an article's shipped packs do. Read a pack of the store at a time.
     */
    private List<TextsArchived> resealed(String articleKey, TextKey key, UUID redactionId, int erasedRevSeq) {
        Resealing resealing = new Resealing(articleKey, key, redactionId, erasedRevSeq);
        contents.forEachHeld(articleKey, resealing::add);
        return resealing.finish();
    }

    /** The packs of an erasure's texts, made as the store hands the texts over. */
    private static final class Resealing {
        private final String articleKey;
        private final TextKey key;
        private final UUID redactionId;
        private final int erasedRevSeq;
        private final List<TextsArchived> packs = new ArrayList<>();
        private List<Shipped> chunk = new ArrayList<>();
        private long chunkBytes;
        private int shipped;
        private byte[] base;
        private String baseSha1;

        Resealing(String articleKey, TextKey key, UUID redactionId, int erasedRevSeq) {
            this.articleKey = articleKey;
            this.key = key;
            this.redactionId = redactionId;
            this.erasedRevSeq = erasedRevSeq;
        }

        void add(String sha1, HeldText held) {
            if (!chunk.isEmpty() && (chunk.size() == TextsArchived.MAX_TEXTS
                    || chunkBytes + held.utf8().length > MAX_PACK_BYTES
                    || (shipped + chunk.size()) % CHAIN_REVISIONS == 0)) {
                ship();
            }
            chunk.add(new Shipped(redactionId, erasedRevSeq, sha1, held.utf8(),
                    held.salt() == null ? NO_SALT : held.salt()));
            chunkBytes += held.utf8().length;
        }

        List<TextsArchived> finish() {
            if (!chunk.isEmpty()) {
                ship();
            }
            return packs;
        }

        private void ship() {
            UUID id = UUID.nameUUIDFromBytes(("archive-texts-resealed:" + redactionId + ":" + packs.size())
                    .getBytes(StandardCharsets.UTF_8));
            packs.add(sealed(articleKey, key, id, redactionId, erasedRevSeq, baseSha1, base, chunk, redactionId));
            Shipped last = chunk.get(chunk.size() - 1);
            shipped += chunk.size();
            boolean primed = shipped % CHAIN_REVISIONS != 0;
            base = primed ? last.utf8 : null;
            baseSha1 = primed ? last.sha1 : null;
            chunk = new ArrayList<>();
            chunkBytes = 0;
        }
    }

    private static boolean sameChainRun(int revSeq, int otherRevSeq) {
        return (revSeq - 1) / CHAIN_REVISIONS == (otherRevSeq - 1) / CHAIN_REVISIONS;
    }

    private List<Shipped> distinctTexts(String articleKey, List<RevisionArchived> revisions) {
        Map<String, Shipped> texts = new LinkedHashMap<>();
        revisions.forEach(revision -> texts.computeIfAbsent(revision.mainText().sha1(),
                sha1 -> shipped(articleKey, revision)));
        return List.copyOf(texts.values());
    }

    private Shipped shipped(String articleKey, RevisionArchived revision) {
        String sha1 = revision.mainText().sha1();
        HeldText held = contents.held(articleKey, sha1);
        // a text stored before salts were has none: its revisions' answers carry theirs, and the pack a filler
        return new Shipped(revision.submissionId(), revision.revSeq(), sha1, held.utf8(),
                held.salt() == null ? NO_SALT : held.salt());
    }

    /** The salt a sealed pack carries for a text that has none of its own (stored before salts were). */
    private static final byte[] NO_SALT = new byte[SealedPack.SALT_SIZE];

    /**
     * What each article held before the batch, among the batch's texts: which of them, which of those a redacted
     * revision has, and the text of its latest revision (with whether that one is redacted). Bounded by the revision
     * count before the batch, so the batch's own rows, should they be flushed already, do not count.
     */
    private Map<String, Held> held(Set<String> articleKeys, Map<String, Integer> revisionsBefore,
                                   Map<String, List<RevisionArchived>> fresh) {
        Map<String, Held> held = new HashMap<>();
        String[] keys = articleKeys.toArray(String[]::new);
        Integer[] counts = articleKeys.stream().map(key -> revisionsBefore.getOrDefault(key, 0))
                .toArray(Integer[]::new);
        for (String key : keys) {
            held.put(key, new Held());
        }
        List<?> latest = entityManager.createNativeQuery("""
                        SELECT b.article_key, l.rev_sha1, l.rev_seq
                        FROM unnest(?1, ?2) AS b (article_key, before)
                        LEFT JOIN LATERAL (SELECT r.rev_sha1, r.rev_seq FROM revision r
                            WHERE r.article_key = b.article_key AND r.rev_seq <= b.before AND r.rev_sha1 IS NOT NULL
                            ORDER BY r.rev_seq DESC LIMIT 1) AS l ON true""")
                .setParameter(1, keys)
                .setParameter(2, counts)
                .getResultList();
        Set<String> sha1s = new HashSet<>();
        for (Object row : latest) {
            Object[] columns = (Object[]) row;
            if (columns[1] != null) {
                String sha1 = columns[1].toString().trim();
                held.get((String) columns[0]).latestSha1 = sha1;
                held.get((String) columns[0]).latestRevSeq = ((Number) columns[2]).intValue();
                sha1s.add(sha1);
            }
        }
        fresh.values().forEach(revisions -> revisions.forEach(revision -> sha1s.add(revision.mainText().sha1())));
        String[] candidates = sha1s.toArray(String[]::new);
        // Which of them the article held before the batch: a text is in `content` exactly when an earlier revision
        // names it (the batch's own rows are written when it commits), found by primary key. The revision table has
        // no index by sha1 (dropped in V7), and scanning an article's history for them cost a batch tens of milliseconds
        // on a long one. A text in `content` may be named by another slot alone, which the read model keeps apart:
        // only those texts are looked up among the main texts, rarely.
        Map<String, Set<String>> inContent = pairs(entityManager.createNativeQuery("""
                        SELECT b.article_key, c.sha1
                        FROM unnest(?1) AS b (article_key)
                        CROSS JOIN LATERAL (SELECT sha1 FROM content
                                            WHERE article_key = b.article_key
                                              AND sha1 = ANY (CAST(?2 AS bpchar[]))) AS c""")
                .setParameter(1, keys)
                .setParameter(2, candidates)
                .getResultList());
        String[] found = inContent.values().stream().flatMap(Set::stream).distinct().toArray(String[]::new);
        Map<String, Set<String>> slotNamed = found.length == 0 ? Map.of() : pairs(entityManager.createNativeQuery("""
                        SELECT DISTINCT s.article_key, s.sha1
                        FROM unnest(?1, ?2) AS b (article_key, before)
                        JOIN revision_slot s ON s.article_key = b.article_key AND s.rev_seq <= b.before
                        WHERE s.sha1 = ANY (CAST(?3 AS bpchar[]))""")
                .setParameter(1, keys)
                .setParameter(2, counts)
                .setParameter(3, found)
                .getResultList());
        Map<String, Set<String>> mainNamed = slotNamed.isEmpty() ? Map.of() : pairs(entityManager.createNativeQuery("""
                        SELECT DISTINCT r.article_key, r.rev_sha1
                        FROM unnest(?1, ?2) AS b (article_key, before)
                        JOIN revision r ON r.article_key = b.article_key AND r.rev_seq <= b.before
                        WHERE r.rev_sha1 = ANY (CAST(?3 AS bpchar[]))""")
                .setParameter(1, slotNamed.keySet().toArray(String[]::new))
                .setParameter(2, slotNamed.keySet().stream().map(key -> revisionsBefore.getOrDefault(key, 0))
                        .toArray(Integer[]::new))
                .setParameter(3, slotNamed.values().stream().flatMap(Set::stream).distinct().toArray(String[]::new))
                .getResultList());
        inContent.forEach((articleKey, stored) -> {
            Set<String> bySlots = slotNamed.getOrDefault(articleKey, Set.of());
            Set<String> byMain = mainNamed.getOrDefault(articleKey, Set.of());
            stored.stream().filter(sha1 -> !bySlots.contains(sha1) || byMain.contains(sha1))
                    .forEach(held.get(articleKey).sha1s::add);
        });
        // Redactions are few: those of the articles' revisions before the batch, with the text each one names.
        pairs(entityManager.createNativeQuery("""
                        SELECT DISTINCT r.article_key, r.rev_sha1
                        FROM unnest(?1, ?2) AS b (article_key, before)
                        JOIN redaction d ON d.article_key = b.article_key AND d.rev_seq <= b.before
                                        AND d.outcome IN ('REDACTED', 'ERASED')
                        JOIN revision r ON r.article_key = d.article_key AND r.rev_seq = d.rev_seq
                        WHERE r.rev_sha1 = ANY (CAST(?3 AS bpchar[]))""")
                .setParameter(1, keys)
                .setParameter(2, counts)
                .setParameter(3, candidates)
                .getResultList())
                .forEach((articleKey, redacted) -> held.get(articleKey).redacted.addAll(redacted));
        return held;
    }

    /** Rows of (article key, sha1) by article. */
    private static Map<String, Set<String>> pairs(List<?> rows) {
        Map<String, Set<String>> byArticle = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            byArticle.computeIfAbsent((String) columns[0], key -> new HashSet<>()).add(columns[1].toString().trim());
        }
        return byArticle;
    }

    private record Shipped(UUID submissionId, int revSeq, String sha1, byte[] utf8, byte[] salt) {
    }

    private static final class Held {
        final Set<String> sha1s = new LinkedHashSet<>();
        final Set<String> redacted = new HashSet<>();
        String latestSha1;
        int latestRevSeq;
    }
}
