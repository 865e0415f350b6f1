package dev.palimpsest.devstack.testing;

import dev.palimpsest.events.Roles;
import io.smallrye.jwt.build.Jwt;

import java.time.Instant;
import java.util.Set;

/**
 * Signed JWTs for a service's {@code @QuarkusTest}s, by the stack's own issuer: {@link
 * dev.palimpsest.devstack.DevstackTestResource} puts its signing key and issuer into the test's configuration
 * ({@code smallrye.jwt.sign.key.location}, {@code smallrye.jwt.new-token.issuer}), which smallrye-jwt-build reads.
 * Real tokens, verified by the service exactly as in production, rather than a test-only security shortcut.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String writer() {
        return withRoles("test-writer", Roles.WRITER);
    }

    public static String admin() {
        return withRoles("test-admin", Roles.ADMIN);
    }

    /** Valid for five minutes (smallrye-jwt-build's default lifespan); no roles at all when none are given. */
    public static String withRoles(String subject, String... roles) {
        return Jwt.subject(subject).groups(Set.of(roles)).sign();
    }

    /** Expired an hour ago: well past the verifier's allowed clock skew (a minute by default). */
    public static String expired(String... roles) {
        Instant now = Instant.now();
        return Jwt.subject("test-expired").groups(Set.of(roles)).issuedAt(now.minusSeconds(7200))
                .expiresAt(now.minusSeconds(3600)).sign();
    }

    /** Signed by the stack's key, but naming another issuer than the one the services trust. */
    public static String fromIssuer(String issuer, String... roles) {
        return Jwt.issuer(issuer).subject("test-elsewhere").groups(Set.of(roles)).sign();
    }

    /** Correct claims, signed by a key the services have never seen. */
    public static String signedByAnotherKey(String... roles) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.subject("test-forger").groups(Set.of(roles)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
