package dev.palimpsest.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public known-answer vectors of transparency-dev/merkle (copied under {@code merkle-testdata/}, with their
 * licence): every happy path must verify, every corrupted one be refused; and the proofs this module makes for the
 * RFC 6962 reference tree must be the vectors' own, hash for hash.
 */
class MerkleTestVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The eight leaves of the RFC 6962 reference tree the vectors were made from. */
    private static final List<String> REFERENCE_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    @TestFactory
    Stream<DynamicTest> everyInclusionVectorVerifiesExactlyWhenItShould() throws IOException {
        return cases("inclusion").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode vector = read(file);
            Executable check = () -> ProofVerifier.verifyInclusion(vector.get("leafIdx").asLong(),
                    vector.get("treeSize").asLong(), bytes(vector.get("leafHash")), hashes(vector.get("proof")),
                    bytes(vector.get("root")));
            expect(vector, check);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyConsistencyVectorVerifiesExactlyWhenItShould() throws IOException {
        return cases("consistency").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode vector = read(file);
            Executable check = () -> ProofVerifier.verifyConsistency(vector.get("size1").asLong(),
                    vector.get("size2").asLong(), hashes(vector.get("proof")), bytes(vector.get("root1")),
                    bytes(vector.get("root2")));
            expect(vector, check);
        }));
    }

    @Test
    void theReferenceTreeMakesTheVectorsOwnProofsAndRoots() throws IOException {
        MerkleTree tree = new MerkleTree();
        REFERENCE_LEAVES.forEach(leaf -> tree.append(HexFormat.of().parseHex(leaf)));
        int checked = 0;
        for (Path file : cases("inclusion").filter(file -> name(file).endsWith("happy-path.json")).toList()) {
            JsonNode vector = read(file);
            long index = vector.get("leafIdx").asLong();
            long size = vector.get("treeSize").asLong();
            assertArrayEquals(bytes(vector.get("root")), tree.root(size), name(file));
            assertArrayEquals(bytes(vector.get("leafHash")), TreeHashing.leaf(
                    HexFormat.of().parseHex(REFERENCE_LEAVES.get((int) index))), name(file));
            assertHashesEqual(hashes(vector.get("proof")), tree.inclusionProof(index, size), name(file));
            checked++;
        }
        for (Path file : cases("consistency").filter(file -> name(file).endsWith("happy-path.json")).toList()) {
            JsonNode vector = read(file);
            long size1 = vector.get("size1").asLong();
            long size2 = vector.get("size2").asLong();
            assertArrayEquals(bytes(vector.get("root1")), tree.root(size1), name(file));
            assertArrayEquals(bytes(vector.get("root2")), tree.root(size2), name(file));
            assertHashesEqual(hashes(vector.get("proof")), tree.consistencyProof(size1, size2), name(file));
            checked++;
        }
        assertTrue(checked >= 10, "the happy paths of both kinds were found: " + checked);
    }

    @Test
    void theEmptyTreeHashesToTheDigestOfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(new MerkleTree().root(0)));
    }

    private static void expect(JsonNode vector, Executable check) {
        if (vector.get("wantErr").asBoolean()) {
            assertThrows(InvalidProofException.class, check, vector.get("desc").asText());
        } else {
            assertDoesNotThrow(check, vector.get("desc").asText());
        }
    }

    private static void assertHashesEqual(List<byte[]> expected, List<byte[]> actual, String message) {
        assertEquals(expected.size(), actual.size(), message);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), message + ", entry " + i);
        }
    }

    private static Stream<Path> cases(String kind) throws IOException {
        Path root;
        try {
            root = Path.of(MerkleTestVectorsTest.class.getResource("/merkle-testdata/" + kind).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            assertTrue(found.size() > 50, "the " + kind + " vectors are there: " + found.size());
            return found.stream();
        }
    }

    private static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static byte[] bytes(JsonNode base64) {
        return base64 == null || base64.isNull() ? null : Base64.getDecoder().decode(base64.asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        if (array != null && !array.isNull()) {
            array.forEach(entry -> hashes.add(bytes(entry)));
        }
        return hashes;
    }
}
