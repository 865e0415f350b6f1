package dev.palimpsest.archive.history;

import dev.palimpsest.events.ContentSlot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A revision's content in slots other than main (MediaWiki multi-content revisions): one row per role, the text in
 * the article's {@link ContentStore} like any other. Hashes and lengths are recomputed here, not trusted.
 */
@ApplicationScoped
public class OtherSlots {

    private final EntityManager entityManager;
    private final ContentStore contents;

    public OtherSlots(EntityManager entityManager, ContentStore contents) {
        this.entityManager = entityManager;
        this.contents = contents;
    }

    /** The slots as the archive stores them: hash and length its own, ordered by role; never the main slot. */
    public static List<ContentSlot> normalised(List<ContentSlot> slots) {
        List<ContentSlot> normalised = slots.stream()
                .map(slot -> ContentSlot.of(slot.role(), slot.model(), slot.format(), slot.text(), slot.textHidden()))
                .sorted(Comparator.comparing(ContentSlot::role))
                .toList();
        if (normalised.stream().anyMatch(slot -> ContentSlot.MAIN.equals(slot.role()))) {
            throw new IllegalArgumentException("the main slot is the revision's text, not another slot");
        }
        return normalised;
    }

    /**
     * Stores the {@link #normalised} slots of a revision already stored.
     *
     * @param sha256ByRole the SHA-256 of each visible slot's text (the hash chain's name for it)
     */
    public void store(String articleKey, int revSeq, List<ContentSlot> slots, Map<String, String> sha256ByRole) {
        if (!slots.isEmpty()) {
            // Hibernate holds the revision rows back to insert them in batches; the slot rows reference theirs
            entityManager.flush();
        }
        for (ContentSlot slot : slots) {
            if (!slot.textHidden()) {
                contents.store(articleKey, slot.sha1(), slot.text().getBytes(StandardCharsets.UTF_8));
            }
            entityManager.createNativeQuery("""
                            INSERT INTO revision_slot (article_key, rev_seq, role, model, format, sha1, len, text_hidden,
                                                       sha256)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, decode(CAST(?9 AS text), 'hex'))""")
                    .setParameter(1, articleKey)
                    .setParameter(2, revSeq)
                    .setParameter(3, slot.role())
                    .setParameter(4, slot.model())
                    .setParameter(5, slot.format())
                    .setParameter(6, slot.sha1())
                    .setParameter(7, slot.len())
                    .setParameter(8, slot.textHidden())
                    .setParameter(9, sha256ByRole.get(slot.role()))
                    .executeUpdate();
        }
    }

    /** The revision's other slots with their texts, ordered by role; empty when it has none. */
    public List<ContentSlot> load(String articleKey, int revSeq) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT role, model, format, sha1, len, text_hidden FROM revision_slot
                        WHERE article_key = ?1 AND rev_seq = ?2 ORDER BY role""")
                .setParameter(1, articleKey)
                .setParameter(2, revSeq)
                .getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> {
            boolean hidden = (Boolean) row[5];
            String sha1 = (String) row[3];
            return new ContentSlot((String) row[0], (String) row[1], (String) row[2],
                    hidden ? null : contents.text(articleKey, sha1), sha1, ((Number) row[4]).longValue(), hidden);
        }).toList();
    }
}
