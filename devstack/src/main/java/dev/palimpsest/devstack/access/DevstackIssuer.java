package dev.palimpsest.devstack.access;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The token issuer of a local stack: an RSA key pair in {@code <data>/keys/}, made on the first start and kept with
 * the data (so tokens minted yesterday still verify after a restart), and the tokens it signs. The services get only
 * the public half and the issuer's name ({@link #verificationConfig()}); the private key never leaves this process
 * and is readable by its owner alone (mode 600).
 *
 * <p>Production has no such issuer: it configures its own identity provider's issuer and public key (or JWKS URL)
 * through the same properties. See docs/adr/0011-write-authentication.md.
 *
 * @param privateKeyFile PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}
 * @param publicKeyFile  X.509 SubjectPublicKeyInfo PEM, {@code -----BEGIN PUBLIC KEY-----}, what services verify with
 */
public record DevstackIssuer(Path privateKeyFile, Path publicKeyFile) {

    /** The {@code iss} of every token a local stack signs, and the one its services accept. */
    public static final String ISSUER = "https://palimpsest.dev/devstack";
    public static final String KEYS_DIRECTORY = "keys";
    public static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-verification-key.pem";
    /** 2048 bits: what RS256 requires at least (RFC 7518, section 3.3), and quick to generate. */
    private static final int KEY_BITS = 2048;

    public DevstackIssuer {
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
    }

    /**
     * The issuer of the stack whose data is in {@code dataDirectory}: its key pair, generated now if there is none
     * yet. Synchronized within this JVM; two processes starting on one fresh data directory at the same instant
     * could each write a pair, and the last one wins (the tokens of the other would then be refused).
     */
    public static synchronized DevstackIssuer in(Path dataDirectory) {
        Path keys = dataDirectory.resolve(KEYS_DIRECTORY);
        DevstackIssuer issuer = new DevstackIssuer(keys.resolve(PRIVATE_KEY_FILE), keys.resolve(PUBLIC_KEY_FILE));
        if (!Files.isRegularFile(issuer.privateKeyFile) || !Files.isRegularFile(issuer.publicKeyFile)) {
            issuer.generate();
        }
        return issuer;
    }

    /**
     * What a Quarkus service needs to verify this issuer's tokens (smallrye-jwt's MicroProfile JWT properties):
     * {@code mp.jwt.verify.publickey.location} and {@code mp.jwt.verify.issuer}.
     */
    public Map<String, String> verificationConfig() {
        return Map.of("mp.jwt.verify.publickey.location", publicKeyFile.toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", ISSUER);
    }

    /**
     * A signed JWT (RS256) for {@code subject} with {@code roles} as its {@code groups}, valid from now for
     * {@code ttl}.
     */
    public String mint(String subject, Set<String> roles, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a token needs a subject");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive, got " + ttl);
        }
        return Jwt.issuer(ISSUER).subject(subject).groups(roles).expiresIn(ttl).sign(privateKey());
    }

    private PrivateKey privateKey() {
        try {
            String pem = Files.readString(privateKeyFile, StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + privateKeyFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key " + privateKeyFile + " is not a PKCS#8 RSA key in PEM;"
                    + " delete both files in " + privateKeyFile.getParent() + " to make a new pair", e);
        }
    }

    private void generate() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys", e);
        }
        try {
            Files.createDirectories(privateKeyFile.getParent());
            // the private key is created owner-only before a byte of it is written, then moved into place whole
            write(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key pair into " + privateKeyFile.getParent(), e);
        }
    }

    /** Writes {@code content} into {@code file} whole (a temporary file moved into place), owner-only if asked. */
    static void write(Path file, String content, boolean ownerOnly) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--");
        Path temporary = posix
                ? Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(permissions))
                : Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            if (posix) {
                Files.setPosixFilePermissions(temporary, permissions); // the umask may have narrowed the public one
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
