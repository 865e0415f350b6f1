package dev.palimpsest.devstack.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.DataDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class DevstackIssuerTest {

    private Path data;

    @BeforeEach
    void createDataDirectory() throws IOException {
        data = Files.createTempDirectory("issuer-test-");
    }

    @AfterEach
    void deleteDataDirectory() {
        DataDirectories.deleteQuietly(data);
    }

    @Test
    void theFirstStartMakesAKeyPairWhosePrivateHalfOnlyTheOwnerReads() throws IOException {
        DevstackIssuer issuer = DevstackIssuer.in(data);

        assertEquals(data.resolve("keys/jwt-signing-key.pem"), issuer.privateKeyFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(issuer.privateKeyFile())));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(issuer.publicKeyFile())));
        assertTrue(Files.readString(issuer.privateKeyFile()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(issuer.publicKeyFile()).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        try (var files = Files.list(issuer.privateKeyFile().getParent())) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aRestartKeepsThePairSoEarlierTokensStillVerify() throws Exception {
        String token = DevstackIssuer.in(data).mint("ada", Set.of("writer"), Duration.ofMinutes(5));
        String publicKey = Files.readString(DevstackIssuer.in(data).publicKeyFile());

        DevstackIssuer again = DevstackIssuer.in(data);

        assertEquals(publicKey, Files.readString(again.publicKeyFile()));
        JsonNode claims = verifiedClaims(token, again.publicKeyFile());
        assertEquals("ada", claims.get("sub").asText());
        assertEquals("writer", claims.get("groups").get(0).asText());
        assertEquals(DevstackIssuer.ISSUER, claims.get("iss").asText());
        assertEquals(300, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void servicesGetThePublicKeyAndTheIssuerOnly() {
        DevstackIssuer issuer = DevstackIssuer.in(data);

        assertEquals(issuer.publicKeyFile().toAbsolutePath().toString(),
                issuer.verificationConfig().get("mp.jwt.verify.publickey.location"));
        assertEquals(DevstackIssuer.ISSUER, issuer.verificationConfig().get("mp.jwt.verify.issuer"));
        assertEquals(2, issuer.verificationConfig().size());
    }

    @Test
    void aTokenNeedsASubjectAndALifetime() {
        DevstackIssuer issuer = DevstackIssuer.in(data);

        assertThrows(IllegalArgumentException.class, () -> issuer.mint(" ", Set.of("writer"), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> issuer.mint("ada", Set.of("writer"), Duration.ZERO));
    }

    /** Checks the RS256 signature with the JDK alone, then returns the claims. */
    public static JsonNode verifiedClaims(String token, Path publicKeyFile) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);
        String pem = Files.readString(publicKeyFile).replaceAll("-----(BEGIN|END) PUBLIC KEY-----|\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by the pair's private key");
        ObjectMapper json = new ObjectMapper();
        assertEquals("RS256", json.readTree(Base64.getUrlDecoder().decode(parts[0])).get("alg").asText());
        return json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
