package dev.palimpsest.tlog.leaves;

import dev.palimpsest.tlog.TreeHashing;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A salted commitment to a value: {@code SHA-256(salt || value)} with {@value #SALT_SIZE} random bytes of salt. A
 * leaf holds the commitment, not the value, so it can be proven with the value and its salt, and reveals nothing
 * once both are destroyed: without the salt, not even a guess of the value can be checked against it (ADR 0041).
 */
public final class Commitment {

    public static final int SALT_SIZE = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Commitment() {
    }

    /** Fresh random salt. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_SIZE];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The commitment to {@code value} under {@code salt}; null when there is no value. */
    public static byte[] of(byte[] salt, byte[] value) {
        if (value == null) {
            return null;
        }
        if (salt == null || salt.length != SALT_SIZE) {
            throw new IllegalArgumentException("a commitment's salt is " + SALT_SIZE + " bytes");
        }
        MessageDigest digest = TreeHashing.sha256();
        digest.update(salt);
        digest.update(value);
        return digest.digest();
    }
}
