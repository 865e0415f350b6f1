package dev.palimpsest.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token of the commands that write: {@code --token-file FILE} when given, else the environment's
 * {@code PALIMPSEST_TOKEN}, else the file {@code ~/.config/palimpsest/token} when it exists. Reads send none.
 */
final class AccessToken {

    static final String ENVIRONMENT = "PALIMPSEST_TOKEN";
    static final Path DEFAULT_FILE = Path.of(".config", "palimpsest", "token");

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the bearer token (default: env " + ENVIRONMENT
                    + ", else ~/.config/palimpsest/token); locally: ./palimpsest token > FILE")
    Path tokenFile;

    Map<String, String> environment = System.getenv();
    Path home = Path.of(System.getProperty("user.home"));

    /**
     * @return the token, or empty when there is none anywhere
     * @throws UncheckedIOException when a named token file cannot be read
     */
    Optional<String> token() {
        if (tokenFile != null) {
            return Optional.of(read(tokenFile)).filter(token -> !token.isEmpty());
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        Path file = home.resolve(DEFAULT_FILE);
        return Files.isRegularFile(file) ? Optional.of(read(file)).filter(token -> !token.isEmpty()) : Optional.empty();
    }

    /** What to tell a user whose write was refused with 401 or 403. */
    String hint(int status, boolean sentToken) {
        if (status == 403) {
            return "the token's role may not do this: writes need a writer or admin token, redactions and"
                    + " read-model rebuilds an admin token (locally: ./palimpsest token --role writer, or --role"
                    + " admin)";
        }
        return (sentToken ? "the token was refused" : "no token found") + ": set " + ENVIRONMENT + " or --token-file"
                + " (locally: export " + ENVIRONMENT + "=$(./palimpsest token))";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }
}
