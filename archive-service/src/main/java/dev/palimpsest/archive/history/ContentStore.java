package dev.palimpsest.archive.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * The distinct texts of each article, stored once and named by their sha1. Storing a text the article already
 * holds stores nothing; it is checked byte for byte first, because sha1 collisions can be manufactured and an
 * archive that merged two different texts under one name would silently lose one of them.
 */
@ApplicationScoped
public class ContentStore {

    private final EntityManager entityManager;

    public ContentStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Makes sure the article holds {@code text} under {@code sha1}, which the caller computed from it.
     *
     * @throws Sha1Collision if the article holds a different text under the same sha1
     */
    public void store(String articleKey, String sha1, String text) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO content (article_key, sha1, text) VALUES (?1, ?2, ?3)
                        ON CONFLICT (article_key, sha1) DO NOTHING""")
                .setParameter(1, articleKey)
                .setParameter(2, sha1)
                .setParameter(3, text)
                .executeUpdate();
        if (inserted == 0) {
            // compared where the text is: only a boolean comes back
            List<?> same = entityManager.createNativeQuery(
                            "SELECT text = ?3 FROM content WHERE article_key = ?1 AND sha1 = ?2")
                    .setParameter(1, articleKey)
                    .setParameter(2, sha1)
                    .setParameter(3, text)
                    .getResultList();
            if (same.isEmpty() || !Boolean.TRUE.equals(same.get(0))) {
                throw new Sha1Collision(articleKey, sha1);
            }
        }
    }

    /** The text stored under {@code sha1}. */
    public String text(String articleKey, String sha1) {
        List<?> found = entityManager.createNativeQuery(
                        "SELECT text FROM content WHERE article_key = ?1 AND sha1 = ?2")
                .setParameter(1, articleKey)
                .setParameter(2, sha1)
                .getResultList();
        if (found.isEmpty()) {
            throw new IllegalStateException(articleKey + " names text " + sha1 + " but does not hold it");
        }
        return (String) found.get(0);
    }

    /** Two different texts with one sha1: refused, the submission is dead-lettered with this reason. */
    public static final class Sha1Collision extends IllegalStateException {
        Sha1Collision(String articleKey, String sha1) {
            super("a different text of " + articleKey + " already has sha1 " + sha1 + " (a sha1 collision)");
        }
    }
}
