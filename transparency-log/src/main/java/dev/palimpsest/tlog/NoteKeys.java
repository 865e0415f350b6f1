package dev.palimpsest.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as C2SP signed-note writes them: a verifier key {@code <name>+<key hash>+<base64(0x01 || public
 * key)>}, a signer key {@code PRIVATE+KEY+<name>+<key hash>+<base64(0x01 || seed)>}, the key hash being the first
 * four bytes of {@code SHA-256(name || "\n" || 0x01 || public key)}. The JDK's own Ed25519 (Java 15+) signs and
 * verifies; this class only translates between the note formats and the JDK's keys.
 */
final class NoteKeys {

    static final byte ED25519 = 0x01;
    private static final int KEY_SIZE = 32;
    /** DER before the 32 raw bytes of an Ed25519 public key (X.509 SubjectPublicKeyInfo, RFC 8410). */
    private static final byte[] PUBLIC_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER before the 32-byte seed of an Ed25519 private key (PKCS #8, RFC 8410). */
    private static final byte[] PRIVATE_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final String PRIVATE_KEY = "PRIVATE+KEY+";

    private NoteKeys() {
    }

    /** A key's name: not empty, no white space, no {@code +} (which separates the parts of a key). */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c));
    }

    static int keyHash(String name, byte[] publicKey) {
        MessageDigest digest = TreeHashing.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(ED25519);
        digest.update(publicKey);
        return ByteBuffer.wrap(digest.digest()).getInt();
    }

    /** The raw 32 bytes of an Ed25519 public key. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - KEY_SIZE, encoded.length);
    }

    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(PUBLIC_PREFIX, raw)));
    }

    static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PRIVATE_PREFIX, seed)));
    }

    /**
     * The key pair of an Ed25519 seed. The JDK derives a public key only while generating a pair, from 32 bytes of
     * its random source; given the seed as that source, it derives this seed's.
     */
    static KeyPair pairOf(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        return new KeyPair(pair.getPublic(), privateKey(seed));
    }

    /** Parses {@code <name>+<8 hex digits>+<base64(0x01 || 32 bytes)>}, checking the hash against the key. */
    static Parsed parseVerifierKey(String vkey) {
        return parse(vkey, false);
    }

    /** Parses {@code PRIVATE+KEY+<name>+<8 hex digits>+<base64(0x01 || seed)>}. */
    static Parsed parseSignerKey(String skey) {
        if (skey == null || !skey.startsWith(PRIVATE_KEY)) {
            throw new IllegalArgumentException("a signer key starts with " + PRIVATE_KEY);
        }
        return parse(skey.substring(PRIVATE_KEY.length()), true);
    }

    static String verifierKey(String name, byte[] publicKey) {
        return name + "+" + hashHex(keyHash(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[] {ED25519}, publicKey));
    }

    static String signerKey(String name, byte[] publicKey, byte[] seed) {
        return PRIVATE_KEY + name + "+" + hashHex(keyHash(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[] {ED25519}, seed));
    }

    static String hashHex(int hash) {
        return String.format("%08x", hash);
    }

    /** A key's parts: its name, the hash it claims, and its 32 key bytes (public key or seed). */
    record Parsed(String name, int hash, byte[] key) {
    }

    private static Parsed parse(String key, boolean secret) {
        String what = secret ? "signer key" : "verifier key";
        // the key itself is base64, which may hold "+": only the first two separate parts
        String[] parts = key == null ? new String[0] : key.split("\\+", 3);
        if (parts.length != 3 || !isValidName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("not a " + what + ": name+hash+key expected");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a " + what + ": its key is not base64");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(parts[2])) {
            throw new IllegalArgumentException("not a " + what + ": its key is not canonical base64");
        }
        if (decoded.length != 1 + KEY_SIZE || decoded[0] != ED25519) {
            throw new IllegalArgumentException("not a " + what + ": only Ed25519 keys (algorithm 1) are known");
        }
        return new Parsed(parts[0], Integer.parseUnsignedInt(parts[1], 16),
                Arrays.copyOfRange(decoded, 1, decoded.length));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }


    /** A random source that gives out one seed, once. */
    private static final class SeedAsRandom extends SecureRandom {
        private final byte[] seed;
        private boolean used;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the seed is given out once, whole");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            used = true;
        }
    }
}
