package dev.palimpsest.textstore.sealed;

import dev.palimpsest.textstore.PackCodec;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack of texts ({@link PackCodec}) sealed with its article's {@link TextKey}, together with the salts of its
 * texts' commitments (ADR 0041, 0042): AES-256-GCM from the JDK. Whoever holds the key opens it and checks it was
 * sealed for this article and epoch; without the key, neither the texts nor their salts can be had, which is what
 * destroying the key to erase relies on.
 *
 * <p>Layout: a format byte, 12 random bytes of nonce, then the ciphertext of (the number of texts, 4 bytes; each
 * text's 16-byte salt; the pack's bytes) and GCM's 16-byte tag. The associated data is the article key and the
 * epoch, so a pack sealed for one article does not open as another's.
 */
public final class SealedPack {

    /** The salt of one text's commitment. */
    public static final int SALT_SIZE = 16;
    /** What sealing adds to a pack besides its salts. */
    public static final int OVERHEAD = 1 + 12 + 4 + 16;

    private static final byte FORMAT_AES_GCM = 1;
    private static final int NONCE_SIZE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedPack() {
    }

    /** What a sealed pack holds once opened. */
    public record Opened(List<byte[]> salts, byte[] pack) {
    }

    /** A new random salt for a text's commitment. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_SIZE];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /**
     * Seals {@code pack} and its texts' salts, one for each text in it, in order.
     *
     * @throws IllegalArgumentException if a salt is not {@link #SALT_SIZE} bytes
     */
    public static byte[] seal(TextKey key, String articleKey, List<byte[]> salts, byte[] pack) {
        ByteBuffer plain = ByteBuffer.allocate(4 + salts.size() * SALT_SIZE + pack.length);
        plain.putInt(salts.size());
        for (byte[] salt : salts) {
            if (salt.length != SALT_SIZE) {
                throw new IllegalArgumentException("a text's salt is " + SALT_SIZE + " bytes, not " + salt.length);
            }
            plain.put(salt);
        }
        plain.put(pack);
        byte[] nonce = new byte[NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, articleKey, nonce);
            byte[] sealed = new byte[1 + NONCE_SIZE + cipher.getOutputSize(plain.capacity())];
            sealed[0] = FORMAT_AES_GCM;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_SIZE);
            cipher.doFinal(plain.array(), 0, plain.capacity(), sealed, 1 + NONCE_SIZE);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot seal with AES-GCM", e);
        }
    }

    /**
     * Opens a pack sealed with {@code key} for {@code articleKey}.
     *
     * @throws PackCodec.CorruptPack if it was sealed with another key, for another article or epoch, or was altered
     */
    public static Opened open(TextKey key, String articleKey, byte[] sealed) {
        if (sealed.length < OVERHEAD || sealed[0] != FORMAT_AES_GCM) {
            throw new PackCodec.CorruptPack("a sealed pack of " + articleKey + " is not one (" + sealed.length
                    + " bytes, format " + (sealed.length == 0 ? "none" : sealed[0]) + ")");
        }
        byte[] plain;
        try {
            byte[] nonce = new byte[NONCE_SIZE];
            System.arraycopy(sealed, 1, nonce, 0, NONCE_SIZE);
            plain = cipher(Cipher.DECRYPT_MODE, key, articleKey, nonce)
                    .doFinal(sealed, 1 + NONCE_SIZE, sealed.length - 1 - NONCE_SIZE);
        } catch (AEADBadTagException e) {
            throw new PackCodec.CorruptPack("a sealed pack of " + articleKey + " does not open with its key of epoch "
                    + key.epoch() + ": altered, or sealed with another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot open AES-GCM", e);
        }
        ByteBuffer in = ByteBuffer.wrap(plain);
        int count = in.getInt();
        if (count < 0 || (long) count * SALT_SIZE > in.remaining()) {
            throw new PackCodec.CorruptPack("a sealed pack of " + articleKey + " says it holds " + count + " salts");
        }
        List<byte[]> salts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] salt = new byte[SALT_SIZE];
            in.get(salt);
            salts.add(salt);
        }
        byte[] pack = new byte[in.remaining()];
        in.get(pack);
        return new Opened(List.copyOf(salts), pack);
    }

    private static Cipher cipher(int mode, TextKey key, String articleKey, byte[] nonce)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("palimpsest:pack:v1\0" + articleKey + "\0" + key.epoch()).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
