package dev.palimpsest.tlog;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A log kept as tiles has the heads and proofs of the same tree kept in memory, at every size, across two tile
 * levels (past 65,536 leaves), however its appends are cut into batches that each resume from the stored tiles.
 */
class TiledTreeTest {

    /** Three tile levels: 65,536 leaves fill tile 0 of level 1, the leaves past it start level 2. */
    private static final int LEAVES = 65_536 + 600;

    @Test
    void tilesGiveTheSameHeadsAndProofsAsTheTreeInMemory() {
        MerkleTree reference = new MerkleTree();
        Map<String, byte[]> stored = new HashMap<>();
        TileReader tiles = (level, index) -> stored.get(level + "/" + index);
        Random random = new Random(40);
        long size = 0;
        while (size < LEAVES) {
            // a batch as the archive makes one: resume from what is stored, append, store what changed
            TileAppender appender = TileAppender.resume(size, tiles);
            int batch = 1 + random.nextInt(size < 1000 ? 7 : 700);
            for (int i = 0; i < batch && size < LEAVES; i++, size++) {
                byte[] leafHash = TreeHashing.leaf(ByteBuffer.allocate(8).putLong(size).array());
                assertEquals(size, appender.append(leafHash));
                reference.appendHash(leafHash);
            }
            assertArrayEquals(reference.root(size), appender.root(), "head at " + size);
            for (Tile tile : appender.changedTiles()) {
                byte[] before = stored.put(tile.level() + "/" + tile.index(), tile.hashes());
                if (before != null) {
                    // tiles only grow: what was stored is the beginning of what replaces it
                    assertTrue(before.length < tile.hashes().length || tile.full(), tile.path());
                    assertArrayEquals(before, Arrays.copyOf(tile.hashes(), before.length), tile.path());
                }
            }
            if (size < 1000 || random.nextInt(20) == 0) {
                TiledTree tree = new TiledTree(tiles);
                long at = size;
                assertArrayEquals(reference.root(at), TreeProofs.root(tree, at));
                long index = random.nextLong(at);
                assertSameHashes(reference.inclusionProof(index, at), TreeProofs.inclusionProof(tree, index, at));
                long earlier = 1 + random.nextLong(at);
                assertSameHashes(reference.consistencyProof(earlier, at),
                        TreeProofs.consistencyProof(tree, earlier, at));
            }
        }
        assertEquals(256, stored.get("0/255").length / TreeHashing.HASH_SIZE, "a full tile at level 0");
        assertEquals(256, stored.get("1/0").length / TreeHashing.HASH_SIZE, "a full tile at level 1");
        assertEquals(1, stored.get("2/0").length / TreeHashing.HASH_SIZE, "level 2 has begun");
        // the stored tiles of the whole log serve every earlier head and proof
        TiledTree tree = new TiledTree(tiles);
        for (long at : List.of(1L, 255L, 256L, 257L, 65_535L, 65_536L, 65_537L, (long) LEAVES)) {
            assertArrayEquals(reference.root(at), TreeProofs.root(tree, at), "head at " + at);
            assertSameHashes(reference.inclusionProof(at - 1, at), TreeProofs.inclusionProof(tree, at - 1, at));
            assertSameHashes(reference.consistencyProof(1, at), TreeProofs.consistencyProof(tree, 1, at));
        }
    }

    @Test
    void anEmptyLogHasTheEmptyHeadAndNeedsNoTile() {
        TileAppender appender = TileAppender.resume(0, (level, index) -> {
            throw new AssertionError("no tile to read");
        });
        assertArrayEquals(TreeHashing.emptyRoot(), appender.root());
        assertTrue(appender.changedTiles().isEmpty());
    }

    @Test
    void aMissingOrShortTileIsAnErrorNotAWrongHead() {
        assertThrows(IllegalStateException.class, () -> TileAppender.resume(3, (level, index) -> null));
        assertThrows(IllegalStateException.class,
                () -> TileAppender.resume(3, (level, index) -> new byte[2 * TreeHashing.HASH_SIZE]));
        TiledTree tree = new TiledTree((level, index) -> new byte[TreeHashing.HASH_SIZE]);
        assertThrows(IllegalStateException.class, () -> TreeProofs.root(tree, 2));
    }

    @Test
    void pathsAreThoseOfTheTilesSpec() {
        assertEquals("tile/0/000", Tile.path(0, 0, 256));
        assertEquals("tile/0/x001/x234/067", Tile.path(0, 1_234_067, 256));
        assertEquals("tile/1/x001/000.p/7", Tile.path(1, 1000, 7));
        assertEquals("tile/2/999.p/255", Tile.path(2, 999, 255));
    }

    private static void assertSameHashes(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(hex(expected), hex(actual));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
