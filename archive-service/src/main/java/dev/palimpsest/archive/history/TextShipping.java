package dev.palimpsest.archive.history;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.textstore.PackCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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
 *     <li>a replayed answer (a redelivered submission) ships its text again in a pack with no base, before the
 *     article's fresh packs of the batch (whose base may be that very text, if the instance that stored it died
 *     before publishing);</li>
 *     <li>pack ids are derived from the submission of the pack's first text, so a redelivered batch publishes equal
 *     events.</li>
 * </ul>
 */
@ApplicationScoped
public class TextShipping {

    /** Raw bytes of text per pack at most (beside {@link TextsArchived#MAX_TEXTS}): one record stays well below
     * the 32 MiB the producer and the topic accept, whatever the texts' sizes. */
    static final long MAX_PACK_BYTES = 8L * 1024 * 1024;

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
            if (answer instanceof RevisionArchived archived && archived.revSha1() != null) {
                (replayed.contains(archived.submissionId()) ? again : fresh)
                        .computeIfAbsent(archived.articleKey(), key -> new ArrayList<>()).add(archived);
            }
        }
        if (fresh.isEmpty() && again.isEmpty()) {
            return answers;
        }
        Map<String, Held> held = held(fresh.keySet(), revisionsBefore, fresh);
        Map<String, List<TextsArchived>> packs = new HashMap<>();
        // Replayed texts first: a fresh pack is primed with the article's latest text before the batch, which may be
        // a replayed revision's, stored by an instance that died before publishing it (so shipped nowhere else).
        again.forEach((articleKey, revisions) -> packs.computeIfAbsent(articleKey, key -> new ArrayList<>())
                .addAll(packsOf(articleKey, distinctTexts(articleKey, revisions), null, "archive-texts-replay:")));
        fresh.forEach((articleKey, revisions) -> packs.computeIfAbsent(articleKey, key -> new ArrayList<>())
                .addAll(freshPacks(articleKey, revisions, held.get(articleKey))));
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

    private List<TextsArchived> freshPacks(String articleKey, List<RevisionArchived> revisions, Held held) {
        Map<String, Shipped> texts = new LinkedHashMap<>();
        for (RevisionArchived revision : revisions) {
            String sha1 = revision.revSha1();
            if (!texts.containsKey(sha1) && (!held.sha1s.contains(sha1) || held.redacted.contains(sha1))) {
                texts.put(sha1, new Shipped(revision.submissionId(), revision.revSeq(), sha1,
                        contents.utf8(articleKey, sha1)));
            }
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        String baseSha1 = held.latestSha1 == null || held.redacted.contains(held.latestSha1) ? null : held.latestSha1;
        return packsOf(articleKey, List.copyOf(texts.values()), baseSha1, "archive-texts:");
    }

    /** {@code texts} in packs of at most {@link TextsArchived#MAX_TEXTS} texts and {@link #MAX_PACK_BYTES}, each
     * primed with the text before it. */
    private List<TextsArchived> packsOf(String articleKey, List<Shipped> texts, String baseSha1, String idPrefix) {
        List<TextsArchived> packs = new ArrayList<>();
        byte[] base = baseSha1 == null ? null : contents.utf8(articleKey, baseSha1);
        String currentBaseSha1 = baseSha1;
        int from = 0;
        while (from < texts.size()) {
            int to = from;
            long bytes = 0;
            while (to < texts.size() && to - from < TextsArchived.MAX_TEXTS
                    && (to == from || bytes + texts.get(to).utf8.length <= MAX_PACK_BYTES)) {
                bytes += texts.get(to).utf8.length;
                to++;
            }
            List<Shipped> chunk = texts.subList(from, to);
            Shipped first = chunk.get(0);
            UUID id = UUID.nameUUIDFromBytes((idPrefix + first.submissionId).getBytes(StandardCharsets.UTF_8));
            packs.add(new TextsArchived(TextsArchived.SCHEMA,
                    new EventMeta(id, Topics.REVISIONS_ARCHIVED, Instant.now(), first.submissionId.toString()),
                    first.submissionId, articleKey, first.revSeq, currentBaseSha1,
                    chunk.stream().map(Shipped::sha1).toList(),
                    PackCodec.packUtf8(chunk.stream().map(Shipped::utf8).toList(), base,
                            PackCodec.DEFAULT_LEVEL)));
            Shipped last = chunk.get(chunk.size() - 1);
            base = last.utf8;
            currentBaseSha1 = last.sha1;
            from = to;
        }
        return packs;
    }

    private List<Shipped> distinctTexts(String articleKey, List<RevisionArchived> revisions) {
        Map<String, Shipped> texts = new LinkedHashMap<>();
        revisions.forEach(revision -> texts.computeIfAbsent(revision.revSha1(), sha1 -> new Shipped(
                revision.submissionId(), revision.revSeq(), sha1, contents.utf8(articleKey, sha1))));
        return List.copyOf(texts.values());
    }

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
                        SELECT b.article_key, (SELECT r.rev_sha1 FROM revision r
                            WHERE r.article_key = b.article_key AND r.rev_seq <= b.before AND r.rev_sha1 IS NOT NULL
                            ORDER BY r.rev_seq DESC LIMIT 1)
                        FROM unnest(?1, ?2) AS b (article_key, before)""")
                .setParameter(1, keys)
                .setParameter(2, counts)
                .getResultList();
        Set<String> sha1s = new HashSet<>();
        for (Object row : latest) {
            Object[] columns = (Object[]) row;
            if (columns[1] != null) {
                String sha1 = columns[1].toString().trim();
                held.get((String) columns[0]).latestSha1 = sha1;
                sha1s.add(sha1);
            }
        }
        fresh.values().forEach(revisions -> revisions.forEach(revision -> sha1s.add(revision.revSha1())));
        List<?> found = entityManager.createNativeQuery("""
                        SELECT r.article_key, r.rev_sha1, bool_or(EXISTS (SELECT 1 FROM redaction d
                            WHERE d.article_key = r.article_key AND d.rev_seq = r.rev_seq AND d.outcome = 'REDACTED'))
                        FROM unnest(?1, ?2) AS b (article_key, before)
                        JOIN revision r ON r.article_key = b.article_key AND r.rev_seq <= b.before
                        WHERE r.rev_sha1 = ANY(?3)
                        GROUP BY r.article_key, r.rev_sha1""")
                .setParameter(1, keys)
                .setParameter(2, counts)
                .setParameter(3, sha1s.toArray(String[]::new))
                .getResultList();
        for (Object row : found) {
            Object[] columns = (Object[]) row;
            Held article = held.get((String) columns[0]);
            String sha1 = columns[1].toString().trim();
            article.sha1s.add(sha1);
            if (Boolean.TRUE.equals(columns[2])) {
                article.redacted.add(sha1);
            }
        }
        return held;
    }

    private record Shipped(UUID submissionId, int revSeq, String sha1, byte[] utf8) {
    }

    private static final class Held {
        final Set<String> sha1s = new LinkedHashSet<>();
        final Set<String> redacted = new HashSet<>();
        String latestSha1;
    }
}
