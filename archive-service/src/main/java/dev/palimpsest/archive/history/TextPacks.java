package dev.palimpsest.archive.history;

import dev.palimpsest.archive.sealing.TextKeys;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.PackPolicy;
import dev.palimpsest.textstore.PackPolicy.Held;
import dev.palimpsest.textstore.PackPolicy.NewPack;
import dev.palimpsest.textstore.PackPolicy.Plan;
import dev.palimpsest.textstore.RecentlyUsed;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An article's texts at rest, as a history of zstd packs (ADR 0025): table {@code text_pack} holds the packs, each
 * primed with the last text of the pack before it unless it starts a chain afresh ({@code base_sha1} null), and
 * table {@code content} says where each distinct text is (pack and position), by the sha1 revisions name it with.
 * Which texts go together is {@link PackPolicy}'s plan; this class reads and writes it. Plain JDBC on the caller's
 * connection and transaction, so the live store, the hash-chain verifier and the V10 migration share it.
 *
 * <p>Texts are handled as their UTF-8 bytes throughout, never as strings: they arrive as bytes, are hashed and packed
 * as bytes, and a 67 KB text made a string and encoded again for each pack cost more than compressing it.
 *
 * <p>Packs are sealed ({@link SealedPack}, ADR 0042) with the key of the article's current epoch, kept in table
 * {@code text_key}; each text's salt (the salt of its commitment in the transparency log) is sealed with it. A pack
 * without {@code key_epoch} was written before texts were sealed: it opens without a key and its texts have no salt.
 *
 * <p>Packs never change once written: consolidating small packs writes new ones (under new ids, from a sequence, so
 * even a rolled-back id is never reused) and deletes the old. The cache of unpacked packs is therefore never stale.
 * Callers writing an article hold its lock (the archive locks the article row), so its tail does not move under them.
 */
public final class TextPacks {

    private final PackPolicy policy;
    private final boolean seal;
    /** Unpacked packs by id, their texts' UTF-8 bytes and salts; weighed in bytes. */
    private final RecentlyUsed<Long, Unpacked> cache;

    /**
     * A store that seals the packs it writes.
     *
     * @param cacheBytes how many bytes of unpacked texts to keep; a verifier or a migration makes a store of its own,
     *                   so it reads what is on disk now
     */
    public TextPacks(PackPolicy policy, long cacheBytes) {
        this(policy, cacheBytes, true);
    }

    /**
     * @param seal whether the packs it writes are sealed and its schema has keys: not for a migration older than
     *             the keys' table (V14), whose packs are all in clear
     */
    public TextPacks(PackPolicy policy, long cacheBytes, boolean seal) {
        this.policy = policy;
        this.seal = seal;
        this.cache = new RecentlyUsed<>(cacheBytes, unpacked -> bytes(unpacked.texts));
    }

    /** A text the article holds: its UTF-8 bytes and its commitment's salt (null if stored before salts were). */
    public record HeldText(byte[] utf8, byte[] salt) {
    }

    /** The texts the article holds under {@code sha1s}, with their salts, by sha1; one it does not hold is absent. */
    public Map<String, HeldText> held(Connection connection, String articleKey, Collection<String> sha1s)
            throws SQLException {
        Map<String, HeldText> held = new HashMap<>();
        forEachHeld(connection, articleKey, sha1s, false, held::put);
        return held;
    }

    /** The texts (UTF-8) the article holds under {@code sha1s}, by sha1; a sha1 it does not hold is absent. */
    public Map<String, byte[]> texts(Connection connection, String articleKey, Collection<String> sha1s)
            throws SQLException {
        Map<String, byte[]> texts = new HashMap<>();
        forEach(connection, articleKey, sha1s, false, texts::put);
        return texts;
    }

    /** What to do with each text read: it need not be kept, so a caller can read many in bounded memory. */
    @FunctionalInterface
    public interface TextVisitor {
        void visit(String sha1, byte[] utf8) throws SQLException;
    }

    /**
     * Visits the texts the article holds under {@code sha1s}, a pack at a time in pack order (so each pack is
     * unpacked once, even through a small cache); a sha1 it does not hold is not visited.
     *
     * @param skipUnreadable whether a text whose pack (or a pack it is primed from) cannot be unpacked is skipped,
     *                       as if not held (verification reports it at the revision naming it), or throws
     * @throws PackCodec.CorruptPack if a pack cannot be unpacked, unless {@code skipUnreadable}
     */
    public void forEach(Connection connection, String articleKey, Collection<String> sha1s, boolean skipUnreadable,
                        TextVisitor visitor) throws SQLException {
        forEachHeld(connection, articleKey, sha1s, skipUnreadable, (sha1, held) -> visitor.visit(sha1, held.utf8));
    }

    /** {@link #forEach} with each text's salt. */
    @FunctionalInterface
    public interface HeldVisitor {
        void visit(String sha1, HeldText held) throws SQLException;
    }

    /** Visits every text the article holds (not those erased), in pack order: its texts' order of arrival. */
    public void forEachHeld(Connection connection, String articleKey, HeldVisitor visitor) throws SQLException {
        List<String> sha1s = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sha1 FROM content WHERE article_key = ? AND pack_id IS NOT NULL")) {
            query.setString(1, articleKey);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sha1s.add(rows.getString(1));
                }
            }
        }
        forEachHeld(connection, articleKey, sha1s, false, visitor);
    }

    private void forEachHeld(Connection connection, String articleKey, Collection<String> sha1s,
                             boolean skipUnreadable, HeldVisitor visitor) throws SQLException {
        if (sha1s.isEmpty()) {
            return;
        }
        Map<String, long[]> places = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sha1, pack_id, position FROM content WHERE article_key = ? AND sha1 = ANY (?)"
                        + " AND pack_id IS NOT NULL ORDER BY pack_id, position")) {
            query.setString(1, articleKey);
            Array array = connection.createArrayOf("bpchar", sha1s.toArray());
            query.setArray(2, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    places.put(rows.getString(1), new long[]{rows.getLong(2), rows.getInt(3)});
                }
            }
        }
        for (Map.Entry<String, long[]> place : places.entrySet()) {
            HeldText text;
            try {
                Unpacked pack = unpacked(connection, articleKey, place.getValue()[0]);
                int position = (int) place.getValue()[1];
                if (position >= pack.texts.size()) {
                    throw new PackCodec.CorruptPack("text " + place.getKey() + " of " + articleKey + " is said to be at "
                            + position + " in pack " + place.getValue()[0] + ", which holds " + pack.texts.size());
                }
                text = new HeldText(pack.texts.get(position), pack.salts == null ? null : pack.salts.get(position));
            } catch (PackCodec.CorruptPack unreadable) {
                if (!skipUnreadable) {
                    throw unreadable;
                }
                continue;
            }
            visitor.visit(place.getKey(), text);
        }
    }

    /**
     * Appends texts new to the article (none of them held yet, no two alike), in order, after its packs: small
     * packs at its tail are repacked with them once they add up to a full pack.
     *
     * @param newTexts the texts' UTF-8 bytes
     * @param sha1s    the sha1 of each text, in the same order
     * @param salts    the salt of each text's commitment, in the same order (ignored by a store that does not seal)
     */
    public void append(Connection connection, String articleKey, List<byte[]> newTexts, List<String> sha1s,
                       List<byte[]> salts) throws SQLException {
        if (newTexts.isEmpty()) {
            return;
        }
        List<PackRow> tail = tail(connection, articleKey);
        Plan plan = policy.plan(tail.stream().map(row -> new Held(row.textCount, row.chainTexts)).toList(),
                newTexts.size());
        List<PackRow> repacked = tail.subList(tail.size() - plan.repacked(), tail.size());
        PackRow before = tail.size() > plan.repacked() ? tail.get(tail.size() - plan.repacked() - 1) : null;
        List<byte[]> texts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<byte[]> textSalts = new ArrayList<>();
        Map<Long, String[]> repackedNames = namesIn(connection, articleKey, repacked);
        for (PackRow row : repacked) {
            Unpacked small = unpacked(connection, articleKey, row.packId);
            texts.addAll(small.texts);
            names.addAll(List.of(repackedNames.get(row.packId)));
            // a text stored before salts were gets one now; no leaf committed with it yet, a later revert will
            textSalts.addAll(small.salts != null ? small.salts : Collections.nCopies(small.texts.size(), null));
        }
        texts.addAll(newTexts);
        names.addAll(sha1s);
        for (int i = 0; i < newTexts.size(); i++) {
            textSalts.add(i < salts.size() ? salts.get(i) : null);
        }
        byte[] lastBefore = before == null ? null : last(unpacked(connection, articleKey, before.packId).texts);
        TextKey key = seal ? TextKeys.current(connection, articleKey) : null;
        try (PackWriter writer = new PackWriter(connection, articleKey, key)) {
            for (NewPack pack : plan.packs()) {
                byte[] base = !pack.primed() ? null : pack.from() == 0 ? lastBefore : texts.get(pack.from() - 1);
                String baseSha1 = !pack.primed() ? null
                        : pack.from() == 0 ? ContentHash.sha1Hex(lastBefore) : names.get(pack.from() - 1);
                List<byte[]> packed = texts.subList(pack.from(), pack.to());
                PackWriter.Written written = writer.write(pack, baseSha1, base, packed,
                        textSalts.subList(pack.from(), pack.to()), names.subList(pack.from(), pack.to()));
                cache.put(written.packId(), new Unpacked(List.copyOf(packed), written.salts()));
            }
            writer.finish();
        }
        if (!repacked.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM text_pack WHERE article_key = ? AND pack_id = ANY (?)")) {
                delete.setString(1, articleKey);
                delete.setArray(2, connection.createArrayOf("bigint",
                        repacked.stream().map(row -> row.packId).toArray()));
                delete.executeUpdate();
            }
            repacked.forEach(row -> cache.remove(row.packId));
        }
    }

    /**
     * Erases text {@code erasedSha1} of the article (ADR 0042): every other text it holds is packed again, in its
     * order, as an import's texts are, and sealed with the article's key of the next epoch, made here; the old packs
     * and every older key of the article are deleted, and the erased text's row says which redaction erased it.
     * The caller holds the article's lock and has checked that all its packs are sealed.
     *
     * @return the new key
     */
    public TextKey rekey(Connection connection, String articleKey, String erasedSha1, UUID erasedBy)
            throws SQLException {
        List<String> kept = new ArrayList<>();
        List<Long> oldPacks = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sha1, pack_id FROM content WHERE article_key = ? AND pack_id IS NOT NULL
                ORDER BY pack_id, position""")) {
            query.setString(1, articleKey);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(erasedSha1)) {
                        kept.add(rows.getString(1));
                    }
                    if (oldPacks.isEmpty() || oldPacks.get(oldPacks.size() - 1) != rows.getLong(2)) {
                        oldPacks.add(rows.getLong(2));
                    }
                }
            }
        }
        TextKey old = TextKeys.current(connection, articleKey);
        TextKey key = TextKeys.create(connection, articleKey, old.epoch() + 1);
        List<NewPack> plan = kept.isEmpty() ? List.of() : policy.plan(List.of(), kept.size()).packs();
        byte[] previous = null;
        try (PackWriter writer = new PackWriter(connection, articleKey, key)) {
            for (NewPack pack : plan) {
                List<String> names = kept.subList(pack.from(), pack.to());
                // read from the old packs, which are deleted only below
                Map<String, HeldText> held = held(connection, articleKey, names);
                List<byte[]> texts = names.stream().map(name -> held.get(name).utf8()).toList();
                writer.write(pack, pack.primed() ? kept.get(pack.from() - 1) : null, pack.primed() ? previous : null,
                        texts, names.stream().map(name -> held.get(name).salt()).toList(), names);
                previous = texts.get(texts.size() - 1);
            }
            writer.finish();
        }
        try (PreparedStatement erase = connection.prepareStatement(
                "UPDATE content SET pack_id = NULL, position = NULL, erased_by = ? WHERE article_key = ? AND sha1 = ?");
             PreparedStatement dropPacks = connection.prepareStatement(
                     "DELETE FROM text_pack WHERE article_key = ? AND pack_id = ANY (?)");
             PreparedStatement dropKeys = connection.prepareStatement(
                     "DELETE FROM text_key WHERE article_key = ? AND epoch < ?")) {
            erase.setObject(1, erasedBy);
            erase.setString(2, articleKey);
            erase.setString(3, erasedSha1);
            erase.executeUpdate();
            dropPacks.setString(1, articleKey);
            dropPacks.setArray(2, connection.createArrayOf("bigint", oldPacks.toArray()));
            dropPacks.executeUpdate();
            dropKeys.setString(1, articleKey);
            dropKeys.setInt(2, key.epoch());
            dropKeys.executeUpdate();
        }
        // no copy of the erased text stays in memory either
        oldPacks.forEach(cache::remove);
        return key;
    }

    /**
     * Writes new packs of an article and points their texts at them (the texts' rows written by {@link #finish}): sealed
     * with {@code key}, or in clear when it is null (a migration older than the keys).
     */
    private final class PackWriter implements AutoCloseable {
        private final String articleKey;
        private final TextKey key;
        private final PreparedStatement insertPack;
        private final PreparedStatement place;

        /** A pack written: its id, and the salts sealed with its texts (null when in clear). */
        record Written(long packId, List<byte[]> salts) {
        }

        PackWriter(Connection connection, String articleKey, TextKey key) throws SQLException {
            this.articleKey = articleKey;
            this.key = key;
            this.insertPack = connection.prepareStatement(key != null ? """
                    INSERT INTO text_pack (article_key, base_sha1, text_count, chain_texts, body, key_epoch)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING pack_id""" : """
                    INSERT INTO text_pack (article_key, base_sha1, text_count, chain_texts, body)
                    VALUES (?, ?, ?, ?, ?) RETURNING pack_id""");
            this.place = connection.prepareStatement("""
                    INSERT INTO content (article_key, sha1, pack_id, position) VALUES (?, ?, ?, ?)
                    ON CONFLICT (article_key, sha1) DO UPDATE SET pack_id = excluded.pack_id,
                                                                 position = excluded.position,
                                                                 erased_by = NULL""");
        }

        /**
         * Writes {@code texts} (named {@code names}) as {@code pack}, primed with {@code base}, sealed with their
         * {@code salts} (a text without one gets a new one).
         */
        Written write(NewPack pack, String baseSha1, byte[] base, List<byte[]> texts, List<byte[]> salts,
                           List<String> names) throws SQLException {
            byte[] body = PackCodec.packUtf8(texts, base, policy.level());
            List<byte[]> sealedSalts = null;
            if (key != null) {
                sealedSalts = salts.stream().map(salt -> salt == null ? SealedPack.newSalt() : salt).toList();
                body = SealedPack.seal(key, articleKey, sealedSalts, body);
                insertPack.setInt(6, key.epoch());
            }
            insertPack.setString(1, articleKey);
            insertPack.setString(2, baseSha1);
            insertPack.setInt(3, pack.textCount());
            insertPack.setInt(4, pack.chainTexts());
            insertPack.setBytes(5, body);
            long packId;
            try (ResultSet id = insertPack.executeQuery()) {
                id.next();
                packId = id.getLong(1);
            }
            for (int i = 0; i < names.size(); i++) {
                place.setString(1, articleKey);
                place.setString(2, names.get(i));
                place.setLong(3, packId);
                place.setInt(4, i);
                place.addBatch();
            }
            return new Written(packId, sealedSalts);
        }

        /** Writes the texts' rows. */
        void finish() throws SQLException {
            place.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            try {
                place.close();
            } finally {
                insertPack.close();
            }
        }
    }

    /**
     * The names of the texts in {@code packs}, by position: read, not recomputed, since they are what revisions name
     * the texts by. Only small packs are repacked, so this reads a few rows, once a full pack.
     */
    private static Map<Long, String[]> namesIn(Connection connection, String articleKey, List<PackRow> packs)
            throws SQLException {
        Map<Long, String[]> names = new HashMap<>();
        if (packs.isEmpty()) {
            return names;
        }
        packs.forEach(pack -> names.put(pack.packId, new String[pack.textCount]));
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pack_id, position, sha1 FROM content WHERE article_key = ? AND pack_id = ANY (?)")) {
            query.setString(1, articleKey);
            query.setArray(2, connection.createArrayOf("bigint", names.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.get(rows.getLong(1))[rows.getInt(2)] = rows.getString(3);
                }
            }
        }
        names.forEach((pack, inPack) -> {
            for (int position = 0; position < inPack.length; position++) {
                if (inPack[position] == null) {
                    throw new PackCodec.CorruptPack("no text of " + articleKey + " is at position " + position
                            + " of pack " + pack);
                }
            }
        });
        return names;
    }

    /** The article's trailing small packs and the pack before them, oldest first. */
    private List<PackRow> tail(Connection connection, String articleKey) throws SQLException {
        List<PackRow> newestFirst = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT pack_id, text_count, chain_texts FROM text_pack WHERE article_key = ?
                ORDER BY pack_id DESC LIMIT ?""")) {
            query.setString(1, articleKey);
            // small packs never add up to a full one, so there are fewer than textsPerPack of them
            query.setInt(2, policy.textsPerPack() + 1);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    PackRow row = new PackRow(rows.getLong(1), rows.getInt(2), rows.getInt(3));
                    newestFirst.add(row);
                    if (row.textCount >= policy.textsPerPack()) {
                        break;
                    }
                }
            }
        }
        List<PackRow> tail = new ArrayList<>(newestFirst);
        Collections.reverse(tail);
        return tail;
    }

    /**
     * The texts of a pack: from the cache, or unpacked with its chain of bases, oldest first (each base is the last
     * text of the pack before; a chain ends at a fresh pack or at one the cache holds).
     */
    Unpacked unpacked(Connection connection, String articleKey, long packId) throws SQLException {
        Unpacked cached = cache.get(packId);
        if (cached != null) {
            return cached;
        }
        Deque<StoredPack> chain = new ArrayDeque<>();
        byte[] base = null;
        long next = packId;
        while (true) {
            StoredPack pack = load(connection, articleKey, next, seal);
            chain.push(pack);
            if (pack.baseSha1 == null) {
                break;
            }
            Unpacked baseTexts = cache.get(pack.basePackId);
            if (baseTexts != null) {
                base = baseTexts.texts.get(pack.basePosition);
                break;
            }
            next = pack.basePackId;
        }
        Unpacked texts = null;
        while (!chain.isEmpty()) {
            StoredPack pack = chain.pop();
            if (texts != null) {
                base = texts.texts.get(pack.basePosition);
            }
            texts = open(articleKey, pack, base);
            cache.put(pack.packId, texts);
        }
        return texts;
    }

    /** A stored pack's texts and salts, opened with its key when it is sealed and unpacked on {@code base}. */
    private static Unpacked open(String articleKey, StoredPack pack, byte[] base) {
        byte[] body = pack.body;
        List<byte[]> salts = null;
        if (pack.key != null) {
            SealedPack.Opened opened = SealedPack.open(pack.key, articleKey, body);
            body = opened.pack();
            salts = opened.salts();
        }
        List<byte[]> texts = PackCodec.unpackBytes(body, base);
        if (texts.size() != pack.textCount || salts != null && salts.size() != texts.size()) {
            throw new PackCodec.CorruptPack("pack " + pack.packId + " of " + articleKey + " holds " + texts.size()
                    + " texts" + (salts == null ? "" : " and " + salts.size() + " salts") + ", its row says "
                    + pack.textCount);
        }
        return new Unpacked(List.copyOf(texts), salts);
    }

    private static StoredPack load(Connection connection, String articleKey, long packId, boolean keyed)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(keyed ? """
                SELECT p.base_sha1, p.text_count, p.body, b.pack_id, b.position, p.key_epoch, k.key
                FROM text_pack p LEFT JOIN content b ON b.article_key = p.article_key AND b.sha1 = p.base_sha1
                LEFT JOIN text_key k ON k.article_key = p.article_key AND k.epoch = p.key_epoch
                WHERE p.article_key = ? AND p.pack_id = ?""" : """
                SELECT p.base_sha1, p.text_count, p.body, b.pack_id, b.position, NULL::integer, NULL::bytea
                FROM text_pack p LEFT JOIN content b ON b.article_key = p.article_key AND b.sha1 = p.base_sha1
                WHERE p.article_key = ? AND p.pack_id = ?""")) {
            query.setString(1, articleKey);
            query.setLong(2, packId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new PackCodec.CorruptPack(articleKey + " has no pack " + packId);
                }
                String baseSha1 = row.getString(1);
                long basePack = row.getLong(4);
                if (baseSha1 != null && row.wasNull()) {
                    throw new PackCodec.CorruptPack("pack " + packId + " of " + articleKey + " is primed with text "
                            + baseSha1 + ", which the article does not hold");
                }
                int epoch = row.getInt(6);
                boolean sealed = !row.wasNull();
                byte[] key = row.getBytes(7);
                if (sealed && key == null) {
                    throw new PackCodec.CorruptPack("pack " + packId + " of " + articleKey + " is sealed with its key of"
                            + " epoch " + epoch + ", which is no longer held (destroyed by an erasure)");
                }
                return new StoredPack(packId, baseSha1, row.getInt(2), row.getBytes(3), basePack, row.getInt(5),
                        sealed ? new TextKey(epoch, key) : null);
            }
        }
    }

    private static byte[] last(List<byte[]> texts) {
        return texts.get(texts.size() - 1);
    }

    private static long bytes(List<byte[]> texts) {
        long bytes = 0;
        for (byte[] text : texts) {
            bytes += text.length;
        }
        return bytes;
    }

    private record PackRow(long packId, int textCount, int chainTexts) {
    }

    private record StoredPack(long packId, String baseSha1, int textCount, byte[] body, long basePackId,
                              int basePosition, TextKey key) {
    }

    /** A pack's texts, and their salts (null for a pack stored before texts were sealed). */
    record Unpacked(List<byte[]> texts, List<byte[]> salts) {
    }
}
