package dev.palimpsest.tlog;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed notes and checkpoints. The keys, text and signatures are the known answers of the Go implementation's own
 * tests (golang.org/x/mod, sumdb/note, BSD-style licence): Ed25519 is deterministic, so signing that text with that
 * key must give exactly that note.
 */
class SignedNoteTest {

    private static final String SIGNER_KEY =
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String PETER = "\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private static final String ENOCH = "\u2014 EnochRoot "
            + "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
    private static final String SIGNED = TEXT + "\n" + PETER;

    @Test
    void aKnownKeySignsTheKnownTextIntoTheKnownNote() throws InvalidProofException {
        NoteSigner signer = NoteSigner.of(SIGNER_KEY);
        assertEquals("PeterNeumann", signer.name());
        assertEquals(0xc74f20a3, signer.keyHash());
        assertEquals(VERIFIER_KEY, signer.verifierKey());
        assertEquals(SIGNED, signer.sign(TEXT));
        assertEquals(TEXT, NoteVerifier.of(VERIFIER_KEY).open(SIGNED));
    }

    @Test
    void signaturesByOtherKeysAreIgnoredButOneByThisKeyIsRequired() throws InvalidProofException {
        NoteVerifier peter = NoteVerifier.of(VERIFIER_KEY);
        assertEquals(TEXT, peter.open(TEXT + "\n" + ENOCH + PETER));
        assertEquals(TEXT, peter.open(TEXT + "\n" + PETER + ENOCH));
        InvalidProofException unsigned = assertThrows(InvalidProofException.class,
                () -> peter.open(TEXT + "\n" + ENOCH));
        assertTrue(unsigned.getMessage().contains("no signature by PeterNeumann+c74f20a3"), unsigned.getMessage());
    }

    @Test
    void aChangedTextOrSignatureIsRefused() {
        NoteVerifier peter = NoteVerifier.of(VERIFIER_KEY);
        assertThrows(InvalidProofException.class, () -> peter.open(TEXT.replace("think", "thimk") + "\n" + PETER));
        String badSignature = PETER.replace("x08go", "x08gO");
        assertThrows(InvalidProofException.class, () -> peter.open(TEXT + "\n" + badSignature));
        // the same signature under another name is no signature by this key
        assertThrows(InvalidProofException.class,
                () -> peter.open(TEXT + "\n" + PETER.replace("PeterNeumann", "CarmenSandiego")));
    }

    @Test
    void malformedNotesAreRefused() {
        NoteVerifier peter = NoteVerifier.of(VERIFIER_KEY);
        for (String bad : List.of("", TEXT, TEXT + PETER, TEXT + "\n" + PETER.strip(),
                TEXT + "\n" + "- " + PETER.substring(2), TEXT + "\n\u2014 PeterNeumann\n",
                TEXT + "\n\u2014 PeterNeumann !!!\n", TEXT + "\n\u2014 PeterNeumann AAAA\n",
                "bell\u0007\n\n" + PETER)) {
            assertThrows(InvalidProofException.class, () -> peter.open(bad), bad);
        }
    }

    @Test
    void everyManglingOfAKeyIsRefused() {
        for (String key : List.of(VERIFIER_KEY, SIGNER_KEY)) {
            boolean secret = key.startsWith("PRIVATE");
            for (int i = 0; i < key.length(); i++) {
                char[] chars = key.toCharArray();
                chars[i]++;
                String mangled = new String(chars);
                assertThrows(IllegalArgumentException.class,
                        () -> { if (secret) NoteSigner.of(mangled); else NoteVerifier.of(mangled); }, mangled);
            }
            for (int end = 0; end < key.length(); end++) {
                String prefix = key.substring(0, end);
                assertThrows(IllegalArgumentException.class,
                        () -> { if (secret) NoteSigner.of(prefix); else NoteVerifier.of(prefix); }, prefix);
            }
        }
        // another algorithm, and a key of the wrong length, each with the hash adjusted to them
        assertThrows(IllegalArgumentException.class,
                () -> NoteVerifier.of("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
        assertThrows(IllegalArgumentException.class,
                () -> NoteVerifier.of("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="));
    }

    @Test
    void aGeneratedKeySignsWhatItsVerifierKeyChecksAndKeepsItsSecretOutOfLogs() throws InvalidProofException {
        NoteSigner.GeneratedKey key = NoteSigner.generate("palimpsest.test/log", new SecureRandom());
        NoteSigner signer = NoteSigner.of(key.signerKey());
        assertEquals(key.verifierKey(), signer.verifierKey());
        String note = signer.sign("a line\n");
        assertEquals("a line\n", NoteVerifier.of(key.verifierKey()).open(note));
        assertFalse(key.toString().contains(key.signerKey().substring(12)), key.toString());
        assertThrows(IllegalArgumentException.class, () -> NoteSigner.generate("two words", new SecureRandom()));
    }

    @Test
    void aCheckpointIsItsThreeLinesSignedAndReadBack() throws InvalidProofException {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 5; i++) {
            tree.append(new byte[] {(byte) i});
        }
        Checkpoint checkpoint = new Checkpoint("palimpsest.test/log", 5, tree.root(5));
        assertEquals("palimpsest.test/log\n5\n" + Base64.getEncoder().encodeToString(tree.root(5)) + "\n",
                checkpoint.body());
        String note = NoteSigner.of(SIGNER_KEY).sign(checkpoint.body());
        Checkpoint read = Checkpoint.parse(NoteVerifier.of(VERIFIER_KEY).open(note));
        assertEquals(checkpoint, read);
        assertArrayEquals(tree.root(5), read.rootHash());

        Checkpoint extended = Checkpoint.parse("example.com/origin\n923748\n"
                + "nND/nri/U0xuHUrYSy0HtMeal2vzD9V4k/BO79C+QeI=\na line of its own\n");
        assertEquals(923748, extended.size());
        assertEquals(List.of("a line of its own"), extended.extensions());
    }

    @Test
    void malformedCheckpointsAreRefused() {
        String root = "nND/nri/U0xuHUrYSy0HtMeal2vzD9V4k/BO79C+QeI=";
        for (String bad : List.of("", "origin\n5\n" + root, "\n5\n" + root + "\n", "origin\n05\n" + root + "\n",
                "origin\n-5\n" + root + "\n", "origin\n99999999999999999999\n" + root + "\n", "origin\n5\nAAAA\n",
                "origin\n5\n" + root + "\n\n", "origin\n5\n")) {
            assertThrows(InvalidProofException.class, () -> Checkpoint.parse(bad), bad);
        }
    }
}
