package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.query.readmodel.PendingWrites.TextKey;
import dev.palimpsest.query.sealing.TextKeyRing;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.RecentlyUsed;
import dev.palimpsest.textstore.sealed.SealedPack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The read model's texts, kept as packs (ADR 0026): table {@code text_pack} holds each pack's bytes as the archive
 * shipped them ({@link TextsArchived}) and table {@code text} says, per article and sha1, which pack holds the text
 * and where. A reader's text is decompressed alone from its pack, as far as it ends ({@link PackCodec#textAt}),
 * with the pack's base taken from a cache of base texts; nothing else of the pack is unpacked (ADR 0036).
 *
 * <p>Guarantees: a pack holds exactly the texts {@code text} points into it (a shipped pack carrying texts the
 * article already holds is stored without them), so erasing a text (a redaction, ADR 0013) rewrites one pack and
 * the packs primed with that text, and leaves no copy of it behind. A shipped pack is stored as it came, without
 * being decompressed, when its lengths fit its frame and its chain stays within bounds (ADR 0038); every text is
 * checked against its sha1 each time it is decompressed, before anything is done with it, so a wrong text is never
 * served. Reading one text decompresses a bounded amount: a pack whose chain of bases would grow past
 * {@link #MAX_CHAIN_PACKS} packs or {@link #MAX_CHAIN_BYTES} bytes is stored re-packed without base. A pack id always
 * names the same texts (ids come from the archive's event ids; a rewritten pack gets a new id), and a sha1 the same
 * text, in every read-model generation, so a cached text or pack is never stale.
 *
 * <p>A pack shipped sealed (ADR 0042) is stored sealed, as shipped, and opened with its article's key
 * ({@link TextKeyRing}) whenever it is read; a pack the read model re-packs is sealed again with the same key and its
 * texts' salts. A pack sealed with a key an erasure destroyed is not stored: the archive ships what it kept again,
 * sealed with the next key.
 */
@ApplicationScoped
public class TextPacks {

    /** At most this many packs are decompressed to read one text (its own and its bases'). */
    public static final int MAX_CHAIN_PACKS = 32;
    /**
     * At most this many bytes of text are decompressed to read one (≈ 30 ms of zstd): a run of 256 revisions of
     * a 67–130 KB article, as the archive ships them (ADR 0038), fits.
     */
    public static final long MAX_CHAIN_BYTES = 32L * 1024 * 1024;
    /** How many texts' lengths the writer remembers from the packs it stored, for revisions in later batches. */
    private static final long REMEMBERED_LENGTHS = 16_384;

    /** The share of the text cache kept for texts read lately ({@link #recent}); the rest holds unpacked packs. */
    static final int RECENT_SHARE_DIVISOR = 4;

    private final EntityManager entityManager;
    private final TextKeyRing keyRing;
    /** Packs the writer unpacked or packed lately, whole, as UTF-8; every text checked against its sha1. */
    private final RecentlyUsed<UUID, List<byte[]>> cache;
    /** The UTF-8 lengths a stored pack declared, by article and sha1: a revision of a later batch is checked
     * against them without decompressing the pack. */
    private final RecentlyUsed<TextKey, Integer> lengths = new RecentlyUsed<>(REMEMBERED_LENGTHS, length -> 1);
    /** Texts read lately, as UTF-8, by article and sha1: a diff and its neighbours, a slider's steps ask again. */
    private final RecentlyUsed<TextKey, byte[]> recent;
    /**
     * The texts packs are primed with, by article and sha1, each kept compressed alone (a pack of one text, about
     * 40 % of its size): reading any text then costs one decompression of its base and one of its pack up to it,
     * never a walk back through the packs before it. The writer keeps each pack's last text here as it stores it
     * (the next pack is primed with it); a reader that misses walks the chain once and keeps every base it passes.
     * Like the packs, a sha1 always names the same text; erasure forgets the text it erases.
     */
    private final RecentlyUsed<TextKey, byte[]> bases;

    public TextPacks(EntityManager entityManager, TextKeyRing keyRing,
                     @ConfigProperty(name = "palimpsest.query.text-cache-bytes") long cacheBytes,
                     @ConfigProperty(name = "palimpsest.query.base-cache-bytes") long baseCacheBytes) {
        this.entityManager = entityManager;
        this.keyRing = keyRing;
        long recentBytes = cacheBytes / RECENT_SHARE_DIVISOR;
        this.cache = new RecentlyUsed<>(cacheBytes - recentBytes, TextPacks::weight);
        this.recent = new RecentlyUsed<>(recentBytes, text -> text.length);
        this.bases = new RecentlyUsed<>(baseCacheBytes, compressed -> compressed.length);
    }

    /**
     * The text at {@code place} (read with its revision, {@link RevisionReads}), through the caches, else
     * decompressed from the pack's bytes read with it. Reads the database only for a base text no cache holds.
     */
    public String text(String articleKey, TextPlace place) {
        return new String(textUtf8(articleKey, place), StandardCharsets.UTF_8);
    }

    /** {@link #text(String, TextPlace)} as UTF-8 bytes, the form a {@code text/plain} answer sends. */
    public byte[] textUtf8(String articleKey, TextPlace place) {
        TextKey key = new TextKey(articleKey, place.sha1());
        byte[] text = recent.get(key);
        if (text != null) {
            return text;
        }
        List<byte[]> unpacked = cache.get(place.packId());
        text = unpacked != null ? unpacked.get(place.position()) : checked(articleKey, place.sha1(),
                PackCodec.textAt(plain(articleKey, place.keyEpoch(), place.packBytes()),
                        baseUtf8(articleKey, place.baseSha1()), place.position()));
        recent.put(key, text);
        return text;
    }

    /** A stored pack's zstd frame: opened with the article's key of {@code keyEpoch}, or as it is when in clear. */
    private byte[] plain(String articleKey, Integer keyEpoch, byte[] bytes) {
        return keyEpoch == null ? bytes : keyRing.open(articleKey, keyEpoch, bytes).pack();
    }

    /**
     * The salt of the commitment to the text {@code articleKey} holds under {@code sha1} (ADR 0041, 0042), sealed
     * with it in its pack; empty if the article does not hold the text or its pack is in clear (the revisions'
     * answers then carried it).
     */
    public Optional<byte[]> textSalt(String articleKey, String sha1) {
        return place(articleKey, sha1).filter(place -> place.keyEpoch() != null).map(place ->
                keyRing.open(articleKey, place.keyEpoch(), place.packBytes()).salts().get(place.position()));
    }

    /** What seals a pack: the article's key, and its texts' salts in pack order. */
    private record Sealing(dev.palimpsest.textstore.sealed.TextKey key, List<byte[]> salts) {

        /** The salts of the texts at {@code positions} only, for a pack of those texts. */
        Sealing only(List<Integer> positions) {
            return new Sealing(key, positions.stream().map(salts::get).toList());
        }

        byte[] seal(String articleKey, byte[] pack) {
            return SealedPack.seal(key, articleKey, salts, pack);
        }
    }

    /** How {@code packId} is sealed (its key and salts), or null when it is in clear. */
    private Sealing sealingOf(String articleKey, UUID packId) {
        Object[] row = (Object[]) nativeQuery("SELECT bytes, key_epoch FROM text_pack WHERE pack_id = :id")
                .setParameter("id", packId, UUID.class).getSingleResult();
        if (row[1] == null) {
            return null;
        }
        var key = keyRing.held(articleKey, ((Number) row[1]).intValue());
        return new Sealing(key, SealedPack.open(key, articleKey, (byte[]) row[0]).salts());
    }

    /** Whether pack {@code packId} is kept unpacked (for tests: erasure must forget the packs it rewrites). */
    boolean isCached(UUID packId) {
        return cache.get(packId) != null;
    }

    /** Whether text {@code sha1} is kept in a cache of texts (for tests: erasure must forget the text it erases). */
    boolean isTextCached(String articleKey, String sha1) {
        TextKey key = new TextKey(articleKey, sha1);
        return recent.get(key) != null || bases.get(key) != null;
    }

    /** The UTF-8 bytes of the text a pack is primed with (null for none), through {@link #bases}. */
    private byte[] baseUtf8(String articleKey, String baseSha1) {
        if (baseSha1 == null) {
            return null;
        }
        TextKey key = new TextKey(articleKey, baseSha1);
        byte[] alone = bases.get(key);
        if (alone != null) {
            return PackCodec.textAt(alone, null, 0);
        }
        TextPlace place = place(articleKey, baseSha1).orElseThrow(() -> new IllegalStateException(articleKey
                + " has a pack primed with text " + baseSha1 + ", which it no longer holds"));
        byte[] base = textUtf8(articleKey, place);
        keepBase(key, base);
        return base;
    }

    private void keepBase(TextKey key, byte[] utf8) {
        bases.put(key, PackCodec.packUtf8(List.of(utf8), null, PackCodec.DEFAULT_LEVEL));
    }

    /** The text {@code articleKey} holds under {@code sha1}, if it holds one. */
    public Optional<String> text(String articleKey, String sha1) {
        return place(articleKey, sha1).map(place -> text(articleKey, place));
    }

    /** Where {@code articleKey}'s text {@code sha1} lies, with its pack's bytes, if the article holds it. */
    private Optional<TextPlace> place(String articleKey, String sha1) {
        return textRow("t.pack_id, t.position, p.base_sha1, p.bytes, p.key_epoch", articleKey, sha1).map(row ->
                new TextPlace(sha1, (UUID) row[0], ((Number) row[1]).intValue(), trimmed(row[2]), (byte[]) row[3],
                        row[4] == null ? null : ((Number) row[4]).intValue()));
    }

    /**
     * {@code columns} of the article's text {@code sha1} ({@code t}) and of its pack ({@code p}), if it holds it
     * (found by the primary key of {@code text}: the sha1 compared as the column's {@code bpchar}).
     */
    private Optional<Object[]> textRow(String columns, String articleKey, String sha1) {
        List<?> rows = nativeQuery("SELECT " + columns + " FROM text t JOIN text_pack p USING (pack_id)"
                        + " WHERE t.article_key = :articleKey AND t.sha1 = CAST(:sha1 AS bpchar)")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("sha1", sha1, String.class)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((Object[]) rows.get(0));
    }

    /**
     * Asks the database once where the texts {@code keys} are (each text a batch's events name: theirs, their packs',
     * their packs' bases), so that checking and storing the batch asks it nothing more about texts.
     */
    void locate(PendingWrites pending, java.util.Collection<TextKey> keys) {
        List<TextKey> asked = keys.stream().filter(key -> !pending.knows(key)
                && !pending.texts.containsKey(key)).distinct().toList();
        if (asked.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT t.article_key, t.sha1, t.pack_id, t.position, p.base_sha1, p.chain_packs, p.chain_bytes
                    FROM text t JOIN text_pack p USING (pack_id)
                    WHERE (t.article_key, t.sha1) IN (SELECT * FROM unnest(?::text[], ?::bpchar[]))""")) {
                // bpchar like the column: compared as text, the sha1 could not use the primary key, and each
                // look-up scanned every text of the article
                ArrayLiterals.set(select, 1, asked.stream().map(TextKey::articleKey).toArray());
                ArrayLiterals.set(select, 2, asked.stream().map(TextKey::sha1).toArray());
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pending.stored.put(new TextKey(rows.getString(1), rows.getString(2).trim()),
                                new PendingWrites.Located(rows.getObject(3, UUID.class), rows.getInt(4),
                                        trimmed(rows.getString(5)), rows.getInt(6), rows.getLong(7)));
                    }
                }
            }
        });
        pending.located.addAll(asked);
    }

    /** The UTF-8 length of the text {@code articleKey} holds under {@code sha1} as the writer sees it (the rows
     * {@code pending} holds count as written), if it holds one; from the lengths packs declared when known. */
    OptionalInt length(PendingWrites pending, String articleKey, String sha1) {
        TextKey key = new TextKey(articleKey, sha1);
        Integer known = pending.lengths.get(key);
        if (known == null) {
            known = lengths.get(key);
        }
        if (known != null && (pending.texts.containsKey(key) || pending.stored.containsKey(key))) {
            return OptionalInt.of(known);
        }
        return forEvent(articleKey, () -> utf8(pending, articleKey, sha1))
                .map(text -> OptionalInt.of(text.length)).orElse(OptionalInt.empty());
    }

    /** {@link #text(String, String)} as UTF-8, as the writer sees it: the rows {@code pending} holds count as
     * written. */
    Optional<byte[]> utf8(PendingWrites pending, String articleKey, String sha1) {
        PendingWrites.Located unwritten = pending == null ? null
                : pending.texts.get(new TextKey(articleKey, sha1));
        if (unwritten == null && pending != null) {
            TextKey key = new TextKey(articleKey, sha1);
            unwritten = pending.stored.get(key);
            if (unwritten == null && pending.knows(key)) {
                return Optional.empty();
            }
        }
        if (unwritten == null) {
            return place(articleKey, sha1).map(place -> textUtf8(articleKey, place));
        }
        return Optional.of(textsOf(pending, articleKey, unwritten.packId(), unwritten.baseSha1())
                .get(unwritten.position()));
    }

    /**
     * What storing a pack did: whether it held texts new to the article. Its rows join {@code pending}, written by
     * {@link #flush}.
     */
    boolean store(TextsArchived pack, PendingWrites pending) {
        String articleKey = pack.articleKey();
        validate(pack);
        // texts shipped again for an erasure replace the copies held, sealed with the old key (ADR 0042)
        Set<String> held = pack.resealedFor() != null ? Set.of() : heldAmong(pending, articleKey, pack.sha1s());
        if (!held.isEmpty() && held.containsAll(pack.sha1s())) {
            return false; // a redelivery, or texts shipped again for a replayed answer
        }
        byte[] plain = pack.pack();
        Sealing sealing = null;
        if (pack.sealed()) {
            var key = keyRing.forWriter(articleKey, pack.keyEpoch());
            if (key.isEmpty()) {
                return false; // its key was destroyed by an erasure: the archive ships what it kept again, re-sealed
            }
            SealedPack.Opened opened;
            try {
                opened = SealedPack.open(key.get(), articleKey, pack.pack());
            } catch (PackCodec.CorruptPack corrupt) {
                throw new InvalidArchiveEvent("a pack of " + articleKey + " cannot be opened: " + corrupt.getMessage());
            }
            if (opened.salts().size() != pack.sha1s().size()) {
                throw new InvalidArchiveEvent("a pack of " + articleKey + " seals " + opened.salts().size()
                        + " salts and names " + pack.sha1s().size() + " texts");
            }
            plain = opened.pack();
            sealing = new Sealing(key.get(), opened.salts());
        }
        if (held.isEmpty() && pack.lengths() != null && storedAsShipped(pack, plain, pending)) {
            return true;
        }
        byte[] base = null;
        if (pack.baseSha1() != null) {
            base = forEvent(articleKey, () -> utf8(pending, articleKey, pack.baseSha1()))
                    .orElseThrow(() -> baseNotHeld(pack));
        }
        List<byte[]> texts;
        try {
            texts = PackCodec.unpackBytes(plain, base);
        } catch (PackCodec.CorruptPack corrupt) {
            throw new InvalidArchiveEvent("a pack of " + articleKey + " cannot be read: " + corrupt.getMessage());
        }
        if (texts.size() != pack.sha1s().size()) {
            throw new InvalidArchiveEvent("a pack of " + articleKey + " holds " + texts.size() + " texts and names "
                    + pack.sha1s().size());
        }
        for (int i = 0; i < texts.size(); i++) {
            if (!ContentHash.sha1Hex(texts.get(i)).equals(pack.sha1s().get(i))) {
                throw new InvalidArchiveEvent("text " + i + " of a pack of " + articleKey + " does not hash to "
                        + pack.sha1s().get(i));
            }
            if (pack.lengths() != null && pack.lengths().get(i) != texts.get(i).length) {
                throw new InvalidArchiveEvent("text " + i + " of a pack of " + articleKey + " is "
                        + texts.get(i).length + " bytes long, and the pack says " + pack.lengths().get(i));
            }
            remember(pending, new TextKey(articleKey, pack.sha1s().get(i)), texts.get(i).length);
        }
        List<String> newSha1s = new ArrayList<>();
        List<byte[]> newTexts = new ArrayList<>();
        List<Integer> newPositions = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!held.contains(pack.sha1s().get(i))) {
                newSha1s.add(pack.sha1s().get(i));
                newTexts.add(texts.get(i));
                newPositions.add(i);
            }
        }
        if (newTexts.size() == texts.size()) {
            insert(pending, articleKey, pack.meta().id(), pack.baseSha1(), base, newSha1s, newTexts,
                    pack.pack(), sealing); // verbatim
        } else {
            // fewer texts than shipped: another id, since an id always names the same texts
            UUID id = UUID.nameUUIDFromBytes((pack.meta().id() + ":" + String.join(",", newSha1s))
                    .getBytes(StandardCharsets.UTF_8));
            insert(pending, articleKey, id, pack.baseSha1(), base, newSha1s, newTexts, null,
                    sealing == null ? null : sealing.only(newPositions));
        }
        return true;
    }

    /**
     * Stores a pack of texts all new to the article as it was shipped, without decompressing it, if its frame's
     * size fits the lengths it declares and its chain stays within bounds (ADR 0038). Its texts are checked
     * against their sha1s when they are first decompressed, for a reader or for the writer.
     *
     * @return false if it must be decompressed to be stored (re-packed without base)
     * @throws InvalidArchiveEvent if its frame does not fit its lengths, or its base is not held
     */
    private boolean storedAsShipped(TextsArchived pack, byte[] plain, PendingWrites pending) {
        String articleKey = pack.articleKey();
        if (!PackCodec.declares(plain, pack.lengths())) {
            throw new InvalidArchiveEvent("a pack of " + articleKey + " cannot be read: its frame does not hold "
                    + pack.sha1s().size() + " texts of the lengths it declares");
        }
        Chain chain = chainOf(pending, articleKey, pack.baseSha1(),
                pack.lengths().stream().mapToLong(Integer::longValue).sum()).orElseThrow(() -> baseNotHeld(pack));
        if (chain.tooLong()) {
            return false;
        }
        for (int i = 0; i < pack.sha1s().size(); i++) {
            remember(pending, new TextKey(articleKey, pack.sha1s().get(i)), pack.lengths().get(i));
        }
        pending.addPack(new PendingWrites.PackRow(pack.meta().id(), articleKey, pack.baseSha1(), chain.packs(),
                chain.bytes(), pack.pack(), pack.keyEpoch()), pack.sha1s());
        return true;
    }

    private void remember(PendingWrites pending, TextKey key, int length) {
        pending.lengths.put(key, length);
        lengths.put(key, length);
    }

    private static InvalidArchiveEvent baseNotHeld(TextsArchived pack) {
        return new InvalidArchiveEvent("the base " + pack.baseSha1() + " of a pack of " + pack.articleKey()
                + " is not held by the read model");
    }

    /** What a read of a pack decompresses at most: its own texts and those of the packs it is primed from. */
    private record Chain(int packs, long bytes) {
        boolean tooLong() {
            return packs > MAX_CHAIN_PACKS || bytes > MAX_CHAIN_BYTES;
        }
    }

    /**
     * The chain of a new pack of {@code ownBytes} of text primed with {@code articleKey}'s text {@code baseSha1}
     * (a chain of its own when null), the rows {@code pending} holds counting as written; empty if the article does
     * not hold that text.
     */
    private Optional<Chain> chainOf(PendingWrites pending, String articleKey, String baseSha1, long ownBytes) {
        if (baseSha1 == null) {
            return Optional.of(new Chain(1, ownBytes));
        }
        TextKey key = new TextKey(articleKey, baseSha1);
        PendingWrites.Located unwritten = pending.texts.containsKey(key) ? pending.texts.get(key)
                : pending.stored.get(key);
        if (unwritten != null) {
            return Optional.of(new Chain(1 + unwritten.chainPacks(), ownBytes + unwritten.chainBytes()));
        }
        if (pending.knows(key)) {
            return Optional.empty();
        }
        return textRow("p.chain_packs, p.chain_bytes", articleKey, baseSha1).map(base -> new Chain(
                1 + ((Number) base[0]).intValue(), ownBytes + ((Number) base[1]).longValue()));
    }

    /**
     * Stores a text that came inline (a {@link dev.palimpsest.events.RevisionArchived} of schema 1.2.0 or earlier),
     * unless the article holds it, as a pack of its own primed with the text of the revision before it when held.
     *
     * @param previousSha1 the sha1 of the article's revision before this one, or null
     */
    void storeInline(PendingWrites pending, String articleKey, String sha1, byte[] utf8, String previousSha1) {
        if (!heldAmong(pending, articleKey, List.of(sha1)).isEmpty()) {
            return;
        }
        byte[] base = previousSha1 == null ? null
                : forEvent(articleKey, () -> utf8(pending, articleKey, previousSha1)).orElse(null);
        UUID id = UUID.nameUUIDFromBytes(("read-model-inline:" + articleKey + ":" + sha1)
                .getBytes(StandardCharsets.UTF_8));
        insert(pending, articleKey, id, base == null ? null : previousSha1, base, List.of(sha1),
                List.of(utf8), null, null);
    }

    /**
     * Erases {@code sha1}'s text from the article's packs (a redaction), unless a revision not redacted still has
     * it: its pack is rewritten without it, and the packs primed with it are re-packed without base. Writes at
     * once: {@code pending} holds no text rows (the writer flushed them before).
     */
    void erase(PendingWrites pending, String articleKey, String sha1) {
        pending.forgetStored(); // packs are rewritten: what the batch learnt of them no longer holds
        Number stillShown = (Number) nativeQuery("""
                        SELECT count(*) FROM revision WHERE article_key = :articleKey AND rev_sha1 = :sha1
                        AND redacted_at IS NULL""")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("sha1", sha1, String.class)
                .getSingleResult();
        if (stillShown.longValue() > 0) {
            return;
        }
        Optional<Object[]> held = textRow("t.pack_id, p.base_sha1", articleKey, sha1);
        forgetText(articleKey, sha1); // no copy of an erased text stays behind, cached or not
        if (held.isEmpty()) {
            return; // erased already, or never held
        }
        Object[] row = held.get();
        UUID packId = (UUID) row[0];
        String baseSha1 = trimmed(row[1]);
        // the packs primed with the erased text, re-packed without base while it can still be read
        for (Object dependent : nativeQuery("""
                        SELECT pack_id FROM text_pack
                        WHERE article_key = :articleKey AND base_sha1 = CAST(:sha1 AS bpchar)""")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("sha1", sha1, String.class)
                .getResultList()) {
            UUID dependentId = (UUID) dependent;
            List<byte[]> texts = textsOf(articleKey, dependentId, sha1);
            replace(pending, articleKey, dependentId, null, null, sha1sIn(articleKey, dependentId), texts,
                    sealingOf(articleKey, dependentId));
        }
        // its own pack, rewritten without it (positions are 0..n-1: a pack holds exactly the texts pointing to it)
        List<byte[]> packTexts = textsOf(articleKey, packId, baseSha1);
        List<String> packSha1s = sha1sIn(articleKey, packId);
        List<String> keptSha1s = new ArrayList<>();
        List<byte[]> keptTexts = new ArrayList<>();
        List<Integer> keptPositions = new ArrayList<>();
        for (int i = 0; i < packSha1s.size(); i++) {
            if (!packSha1s.get(i).equals(sha1)) {
                keptSha1s.add(packSha1s.get(i));
                keptTexts.add(packTexts.get(i));
                keptPositions.add(i);
            }
        }
        Sealing sealing = sealingOf(articleKey, packId);
        nativeQuery("DELETE FROM text WHERE article_key = :articleKey AND sha1 = CAST(:sha1 AS bpchar)")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("sha1", sha1, String.class)
                .executeUpdate();
        byte[] base = baseSha1 == null ? null : baseUtf8(articleKey, baseSha1);
        replace(pending, articleKey, packId, baseSha1, base, keptSha1s, keptTexts,
                sealing == null ? null : sealing.only(keptPositions));
        forgetText(articleKey, sha1); // re-packing the dependents read it as their base
        pending.forgetStored();
    }

    /**
     * What an erasure leaves (ADR 0042), once its texts were shipped again sealed with the article's key of
     * {@code keyEpoch}: the erased text {@code sha1} and every pack sealed with an older key (or in clear) are
     * deleted, with the rows pointing into them, and forgotten by every cache. Writes at once.
     */
    void eraseForGood(PendingWrites pending, String articleKey, String sha1, int keyEpoch) {
        flush(pending);
        pending.forgetStored();
        List<UUID> old = nativeQuery("""
                        SELECT pack_id FROM text_pack
                        WHERE article_key = :articleKey AND (key_epoch IS NULL OR key_epoch < :epoch)""")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("epoch", keyEpoch, Integer.class)
                .getResultList().stream().map(UUID.class::cast).toList();
        nativeQuery("DELETE FROM text WHERE article_key = :articleKey AND sha1 = CAST(:sha1 AS bpchar)")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("sha1", sha1, String.class)
                .executeUpdate();
        if (!old.isEmpty()) {
            nativeQuery("DELETE FROM text WHERE pack_id = ANY(CAST(:ids AS uuid[]))")
                    .setParameter("ids", old.toArray(UUID[]::new), UUID[].class).executeUpdate();
            nativeQuery("DELETE FROM text_pack WHERE pack_id = ANY(CAST(:ids AS uuid[]))")
                    .setParameter("ids", old.toArray(UUID[]::new), UUID[].class).executeUpdate();
        }
        old.forEach(cache::remove);
        forgetText(articleKey, sha1);
    }

    private void forgetText(String articleKey, String sha1) {
        TextKey key = new TextKey(articleKey, sha1);
        bases.remove(key);
        recent.remove(key);
        lengths.remove(key);
    }

    /** The texts of a pack (all of them, by position, as UTF-8), unpacked with its base's text, through the cache. */
    private List<byte[]> textsOf(String articleKey, UUID packId, String baseSha1) {
        return textsOf(null, articleKey, packId, baseSha1);
    }

    /**
     * {@link #textsOf(String, UUID, String)}, of a pack that may still be pending (then {@code pending} not null).
     * Each text unpacked is checked against the sha1 that names it.
     */
    private List<byte[]> textsOf(PendingWrites pending, String articleKey, UUID packId, String baseSha1) {
        List<byte[]> texts = cache.get(packId);
        if (texts != null) {
            return texts;
        }
        byte[] base;
        if (pending == null) {
            base = baseUtf8(articleKey, baseSha1);
        } else {
            base = baseSha1 == null ? null : utf8(pending, articleKey, baseSha1).orElseThrow(() ->
                    new IllegalStateException(articleKey + " has a pack primed with text " + baseSha1
                            + ", which it no longer holds"));
        }
        PendingWrites.PackRow unwritten = pending == null ? null : pending.packs.get(packId);
        byte[] bytes;
        Integer keyEpoch;
        if (unwritten != null) {
            bytes = unwritten.bytes();
            keyEpoch = unwritten.keyEpoch();
        } else {
            Object[] row = (Object[]) nativeQuery("SELECT bytes, key_epoch FROM text_pack WHERE pack_id = :id")
                    .setParameter("id", packId, UUID.class).getSingleResult();
            bytes = (byte[]) row[0];
            keyEpoch = row[1] == null ? null : ((Number) row[1]).intValue();
        }
        texts = PackCodec.unpackBytes(plain(articleKey, keyEpoch, bytes), base);
        List<String> sha1s = unwritten != null ? pending.sha1sIn(packId) : sha1sIn(articleKey, packId);
        if (sha1s.size() != texts.size()) {
            throw new CorruptText("pack " + packId + " of " + articleKey + " holds " + texts.size()
                    + " texts, and " + sha1s.size() + " point into it");
        }
        for (int i = 0; i < texts.size(); i++) {
            checked(articleKey, sha1s.get(i), texts.get(i));
        }
        cache.put(packId, List.copyOf(texts));
        return texts;
    }

    /**
     * {@code utf8}, once it is known to be the text {@code sha1} names.
     *
     * @throws IllegalStateException if it is not: the read model's copy is corrupt, and no reader may get it
     */
    private static byte[] checked(String articleKey, String sha1, byte[] utf8) {
        if (!ContentHash.sha1Hex(utf8).equals(sha1)) {
            throw new CorruptText("the read model's text " + sha1 + " of " + articleKey
                    + " does not hash to its sha1: its pack is corrupt (rebuild the read model from the archived"
                    + " topic, ADR 0024)");
        }
        return utf8;
    }

    /** A text the read model holds that cannot be read back as the text its sha1 names: its pack is corrupt. */
    static final class CorruptText extends IllegalStateException {
        CorruptText(String message) {
            super(message);
        }
    }

    /**
     * What {@code read} gives, reading texts the read model holds for the writer: a stored text that is corrupt
     * refuses the event that needs it (dead-lettered with the reason), rather than failing its batch again on every
     * retry and stopping the consumer.
     */
    private static <T> T forEvent(String articleKey, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (CorruptText | PackCodec.CorruptPack corrupt) {
            throw new InvalidArchiveEvent("a text of " + articleKey + " the event needs cannot be read back from the"
                    + " read model: " + corrupt.getMessage());
        }
    }

    private static long weight(List<byte[]> texts) {
        long bytes = 0;
        for (byte[] text : texts) {
            bytes += text.length;
        }
        return bytes;
    }

    /** Adds a new pack of {@code texts} (named {@code sha1s}) under {@code id} to {@code pending}, re-packed without
     * base when its chain would grow too long, and points the texts at it. {@code bytes} are the pack's bytes as
     * shipped, or null to pack them here; {@code sealing} what seals them (null: in clear). */
    private void insert(PendingWrites pending, String articleKey, UUID id, String baseSha1, byte[] base,
                        List<String> sha1s, List<byte[]> texts, byte[] bytes, Sealing sealing) {
        long ownBytes = weight(texts);
        Chain chain = chainOf(pending, articleKey, baseSha1, ownBytes).orElseThrow(() -> new IllegalStateException(
                articleKey + " has no text " + baseSha1 + " to prime a pack with"));
        String storedBaseSha1 = baseSha1;
        byte[] stored = bytes;
        if (baseSha1 != null && chain.tooLong()) {
            storedBaseSha1 = null; // a fresh start: a read decompresses this pack alone
            stored = null;
            chain = new Chain(1, ownBytes);
        }
        if (stored == null) {
            stored = PackCodec.packUtf8(texts, storedBaseSha1 == null ? null : base, PackCodec.DEFAULT_LEVEL);
            if (sealing != null) {
                stored = sealing.seal(articleKey, stored);
            }
        }
        pending.addPack(new PendingWrites.PackRow(id, articleKey, storedBaseSha1, chain.packs(), chain.bytes(),
                stored, sealing == null ? null : sealing.key().epoch()), sha1s);
        cache.put(id, List.copyOf(texts)); // just unpacked (or packed): the next reads need not decompress it
        // the article's next pack will be primed with its last text
        keepBase(new TextKey(articleKey, sha1s.get(sha1s.size() - 1)), texts.get(texts.size() - 1));
    }

    /**
     * Writes the packs and text rows {@code pending} holds, in two statements (a batch of pack rows, one multi-row
     * insert of text rows), on the transaction's connection.
     */
    void flush(PendingWrites pending) {
        if (pending.textsEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement packs = connection.prepareStatement("""
                    INSERT INTO text_pack (pack_id, article_key, base_sha1, chain_packs, chain_bytes, bytes, key_epoch)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pack_id) DO NOTHING""")) {
                for (PendingWrites.PackRow pack : pending.packs.values()) {
                    packs.setObject(1, pack.id());
                    packs.setString(2, pack.articleKey());
                    packs.setString(3, pack.baseSha1());
                    packs.setInt(4, pack.chainPacks());
                    packs.setLong(5, pack.chainBytes());
                    packs.setBytes(6, pack.bytes());
                    packs.setObject(7, pack.keyEpoch(), java.sql.Types.INTEGER);
                    packs.addBatch();
                }
                packs.executeBatch();
            }
            int n = pending.texts.size();
            String[] keys = new String[n];
            String[] sha1s = new String[n];
            UUID[] packIds = new UUID[n];
            Integer[] positions = new Integer[n];
            int i = 0;
            for (var text : pending.texts.entrySet()) {
                keys[i] = text.getKey().articleKey();
                sha1s[i] = text.getKey().sha1();
                packIds[i] = text.getValue().packId();
                positions[i] = text.getValue().position();
                i++;
            }
            try (PreparedStatement texts = connection.prepareStatement("""
                    INSERT INTO text (article_key, sha1, pack_id, position)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::int[])
                    ON CONFLICT (article_key, sha1) DO UPDATE SET pack_id = EXCLUDED.pack_id,
                        position = EXCLUDED.position""")) {
                ArrayLiterals.set(texts, 1, keys);
                ArrayLiterals.set(texts, 2, sha1s);
                ArrayLiterals.set(texts, 3, packIds);
                ArrayLiterals.set(texts, 4, positions);
                texts.executeUpdate();
            }
        });
        pending.clearTexts();
    }

    /** Replaces pack {@code packId} by a new one holding {@code sha1s} (or by none when empty), at once. */
    private void replace(PendingWrites pending, String articleKey, UUID packId, String baseSha1, byte[] base,
                         List<String> sha1s, List<byte[]> texts, Sealing sealing) {
        if (!sha1s.isEmpty()) {
            insert(pending, articleKey, UUID.randomUUID(), baseSha1, base, sha1s, texts, null, sealing);
            flush(pending); // the text rows move to the new pack before the old one goes
        }
        nativeQuery("DELETE FROM text_pack WHERE pack_id = :id")
                .setParameter("id", packId, UUID.class).executeUpdate();
        cache.remove(packId);
    }

    private List<String> sha1sIn(String articleKey, UUID packId) {
        return nativeQuery("""
                        SELECT sha1 FROM text WHERE article_key = :articleKey AND pack_id = :id ORDER BY position""")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("id", packId, UUID.class)
                .getResultList().stream().map(TextPacks::trimmed).toList();
    }

    private Set<String> heldAmong(PendingWrites pending, String articleKey, List<String> sha1s) {
        Set<String> held = new HashSet<>();
        for (String sha1 : sha1s) {
            if (pending.texts.containsKey(new TextKey(articleKey, sha1))) {
                held.add(sha1);
            }
        }
        if (held.size() == sha1s.size()) {
            return held;
        }
        if (sha1s.stream().allMatch(sha1 -> pending.knows(new TextKey(articleKey, sha1)))) {
            for (String sha1 : sha1s) {
                if (pending.stored.containsKey(new TextKey(articleKey, sha1))) {
                    held.add(sha1);
                }
            }
            return held;
        }
        nativeQuery("SELECT sha1 FROM text WHERE article_key = :articleKey AND sha1 = ANY(CAST(:sha1s AS bpchar[]))")
                .setParameter("articleKey", articleKey, String.class)
                .setParameter("sha1s", sha1s.toArray(String[]::new), String[].class)
                .getResultList().forEach(sha1 -> held.add(trimmed(sha1)));
        return held;
    }

    private static void validate(TextsArchived pack) {
        Set<String> distinct = new HashSet<>();
        for (String sha1 : pack.sha1s()) {
            if (!ContentHash.isSha1Hex(sha1) || !distinct.add(sha1)) {
                throw new InvalidArchiveEvent("a pack names a sha1 that is not lowercase hex, or names one twice: "
                        + sha1);
            }
        }
        if (pack.baseSha1() != null && !ContentHash.isSha1Hex(pack.baseSha1())) {
            throw new InvalidArchiveEvent("a pack's base is not a lowercase hex sha1: " + pack.baseSha1());
        }
    }

    private static String trimmed(Object sha1) {
        return sha1 == null ? null : sha1.toString().trim();
    }

    private NativeQuery<?> nativeQuery(String sql) {
        return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
    }
}
