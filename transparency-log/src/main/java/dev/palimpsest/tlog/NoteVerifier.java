package dev.palimpsest.tlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Checks notes signed by one Ed25519 key, given its verifier key ({@code <name>+<hash>+<key>}). */
public final class NoteVerifier {

    private final String name;
    private final int keyHash;
    private final PublicKey publicKey;

    private NoteVerifier(String name, int keyHash, PublicKey publicKey) {
        this.name = name;
        this.keyHash = keyHash;
        this.publicKey = publicKey;
    }

    /** The verifier of a verifier key; refuses a key whose hash does not match it, or of another algorithm. */
    public static NoteVerifier of(String verifierKey) {
        NoteKeys.Parsed parsed = NoteKeys.parseVerifierKey(verifierKey);
        if (NoteKeys.keyHash(parsed.name(), parsed.key()) != parsed.hash()) {
            throw new IllegalArgumentException("not a verifier key: its hash does not match its key");
        }
        try {
            return new NoteVerifier(parsed.name(), parsed.hash(), NoteKeys.publicKey(parsed.key()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a verifier key: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int keyHash() {
        return keyHash;
    }

    /**
     * The text of a signed note, once this key's signature on it is checked. Signatures by other keys are ignored
     * (a note may carry several, as witnesses cosign a checkpoint).
     *
     * @throws InvalidProofException when the note is malformed, carries no signature by this key, or a signature by
     *                               this key that does not verify
     */
    public String open(String signedNote) throws InvalidProofException {
        SignedNote note = SignedNote.parse(signedNote);
        boolean signed = false;
        for (SignedNote.Line line : note.signatures()) {
            if (line.name().equals(name) && line.keyHash() == keyHash) {
                if (!verifies(note.text(), line.signature())) {
                    throw new InvalidProofException("the signature of " + name + " on this note does not verify");
                }
                signed = true;
            }
        }
        if (!signed) {
            throw new InvalidProofException("the note carries no signature by " + name + "+"
                    + NoteKeys.hashHex(keyHash));
        }
        return note.text();
    }

    private boolean verifies(String text, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(text.getBytes(StandardCharsets.UTF_8));
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            // a signature of the wrong length or form is one that does not verify
            return false;
        }
    }
}
