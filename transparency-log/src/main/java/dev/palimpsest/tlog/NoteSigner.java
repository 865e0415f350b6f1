package dev.palimpsest.tlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;

/**
 * Signs notes with an Ed25519 key, as C2SP signed-note says: the signature covers the note's text, and its line
 * names the key and its hash so a verifier knows which key to check it with. Ed25519 is deterministic: a text
 * signed twice with one key gets the same signature.
 */
public final class NoteSigner {

    private final String name;
    private final int keyHash;
    private final byte[] publicKey;
    private final PrivateKey privateKey;

    private NoteSigner(String name, byte[] publicKey, PrivateKey privateKey) {
        this.name = name;
        this.publicKey = publicKey;
        this.keyHash = NoteKeys.keyHash(name, publicKey);
        this.privateKey = privateKey;
    }

    /** The signer of a signer key ({@code PRIVATE+KEY+<name>+<hash>+<key>}); refuses one whose hash is wrong. */
    public static NoteSigner of(String signerKey) {
        NoteKeys.Parsed parsed = NoteKeys.parseSignerKey(signerKey);
        try {
            KeyPair pair = NoteKeys.pairOf(parsed.key());
            NoteSigner signer = new NoteSigner(parsed.name(), NoteKeys.raw(pair.getPublic()), pair.getPrivate());
            if (signer.keyHash != parsed.hash()) {
                throw new IllegalArgumentException("not a signer key: its hash does not match its key");
            }
            return signer;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a signer key: " + e.getMessage(), e);
        }
    }

    /** A new key named {@code name}, from {@code random}: its signer key, which is secret, and verifier key. */
    public static GeneratedKey generate(String name, SecureRandom random) {
        if (!NoteKeys.isValidName(name)) {
            throw new IllegalArgumentException("a key name is not empty and holds no space and no '+'");
        }
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        try {
            byte[] publicKey = NoteKeys.raw(NoteKeys.pairOf(seed).getPublic());
            return new GeneratedKey(NoteKeys.signerKey(name, publicKey, seed), NoteKeys.verifierKey(name, publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime cannot make Ed25519 keys", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    public String name() {
        return name;
    }

    public int keyHash() {
        return keyHash;
    }

    /** The verifier key anyone may hold to check this signer's notes. */
    public String verifierKey() {
        return NoteKeys.verifierKey(name, publicKey);
    }

    /** {@code text} (which ends with a newline) signed: the text, a blank line, this key's signature line. */
    public String sign(String text) {
        SignedNote.requireValidText(text);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(text.getBytes(StandardCharsets.UTF_8));
            return new SignedNote(text, List.of(new SignedNote.Line(name, keyHash, ed25519.sign())))
                    .toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime cannot sign with Ed25519", e);
        }
    }

    /** A key just made: the signer key (keep it secret) and the verifier key (publish it). */
    public record GeneratedKey(String signerKey, String verifierKey) {
        @Override
        public String toString() {
            return "GeneratedKey[verifierKey=" + verifierKey + "]";
        }
    }
}
