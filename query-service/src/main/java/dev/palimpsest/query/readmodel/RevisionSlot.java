package dev.palimpsest.query.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** A revision's content in a slot other than main (MediaWiki multi-content revisions). */
@Entity
@Table(name = "revision_slot")
@IdClass(RevisionSlot.Key.class)
public class RevisionSlot extends PanacheEntityBase {

    public record Key(String articleKey, int revSeq, String role) implements Serializable {
    }

    @Id
    @Column(name = "article_key")
    public String articleKey;

    @Id
    @Column(name = "rev_seq")
    public int revSeq;

    @Id
    @Column(name = "role")
    public String role;

    public String model;

    public String format;

    /** Null when hidden at the source. */
    public String text;

    @Column(name = "sha1", columnDefinition = "char(40)")
    public String sha1;

    public long len;

    @Column(name = "text_hidden")
    public boolean textHidden;

    /** The revision's other slots, by role. */
    public static List<RevisionSlot> of(String articleKey, int revSeq) {
        return list("articleKey = ?1 and revSeq = ?2 order by role", articleKey, revSeq);
    }

    public static Optional<RevisionSlot> of(String articleKey, int revSeq, String role) {
        return find("articleKey = ?1 and revSeq = ?2 and role = ?3", articleKey, revSeq, role).firstResultOptional();
    }
}
