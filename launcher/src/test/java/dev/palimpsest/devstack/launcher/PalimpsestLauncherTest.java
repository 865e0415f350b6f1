package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.access.DevstackIssuer;
import dev.palimpsest.devstack.access.DevstackIssuerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's answers that need no running stack. */
class PalimpsestLauncherTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PalimpsestLauncher launcher = new PalimpsestLauncher(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    private Path home;

    @BeforeEach
    void createHome() throws IOException {
        home = Files.createTempDirectory("launcher-test-");
    }

    @AfterEach
    void deleteHome() {
        DataDirectories.deleteQuietly(home);
    }

    @Test
    void tokenPrintsAJwtOfTheDataDirectorysIssuerAndNothingElse() throws Exception {
        Path data = home.resolve("data");

        assertEquals(0, launcher.run(List.of("token", "--role", "admin", "--subject", "ada", "--ttl", "1h",
                "--data-dir", data.toString())));

        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals("", err.toString(StandardCharsets.UTF_8), "stdout is the token alone, for $(...)");
        DevstackIssuer issuer = DevstackIssuer.in(data);
        var claims = DevstackIssuerTest.verifiedClaims(token, issuer.publicKeyFile());
        assertEquals("ada", claims.get("sub").asText());
        assertEquals("admin", claims.get("groups").get(0).asText());
        assertEquals(DevstackIssuer.ISSUER, claims.get("iss").asText());
        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void helpAskedForPrintsTheUsageAndSucceeds() {
        assertEquals(0, launcher.run(List.of("help")));

        assertTrue(out().contains("Usage: ./palimpsest <command> [--data-dir DIR] [--home DIR]"), out());
        assertTrue(out().contains("up "), out());
    }

    @Test
    void anUnknownCommandIsNamedBeforeTheUsage() {
        assertEquals(2, launcher.run(List.of("down")));

        assertTrue(err().startsWith("palimpsest: unknown command down"), err());
        assertTrue(err().contains("Usage:"), err());
    }

    @Test
    void upWithoutBuiltServicesSaysWhatToBuildAndStartsNothing() throws IOException {
        Path seed = home.resolve(SeedArticle.FILE);
        Files.createDirectories(seed.getParent());
        Files.writeString(seed, "A title\nsome text\n");

        int exitCode = launcher.run(List.of("up", "--home", home.toString()));

        assertEquals(1, exitCode);
        assertTrue(err().contains("could not start: not built: "), err());
        assertTrue(err().contains(home.resolve("query-service/target/quarkus-app/quarkus-run.jar").toString()),
                err());
        assertFalse(Files.exists(home.resolve(".palimpsest-data")), "no infrastructure was started");
    }

    @Test
    void upWithoutTheSeedFileSaysWhichFileItMisses() {
        assertEquals(1, launcher.run(List.of("up", "--home", home.toString())));

        assertTrue(err().contains("cannot read the seed article " + home.resolve(SeedArticle.FILE)), err());
    }

    @Test
    void causesAreSummedUpOnOneLine() {
        var error = new IllegalStateException("cannot start",
                new java.io.UncheckedIOException("disk", new IOException("No space left on device")));

        assertEquals("cannot start (disk) (No space left on device)", PalimpsestLauncher.describe(error));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
