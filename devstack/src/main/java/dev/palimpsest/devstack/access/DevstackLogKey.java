package dev.palimpsest.devstack.access;

import dev.palimpsest.tlog.NoteSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

/**
 * The key a local stack's archive signs its transparency logs' checkpoints with (ADR 0040): a C2SP signed-note
 * Ed25519 key in {@code <data>/keys/}, made on the first start and kept with the data (a new key would make every
 * verifier that trusted the old one refuse the log). The signer key is readable by its owner alone (mode 600) and
 * given to the archive only, as a file location; the verifier key is public: it is what {@code palimpsest verify}
 * is given to trust the log.
 *
 * @param signingKeyFile  {@code PRIVATE+KEY+<name>+<hash>+<base64>}, one line
 * @param verifierKeyFile {@code <name>+<hash>+<base64>}, one line
 */
public record DevstackLogKey(Path signingKeyFile, Path verifierKeyFile) {

    /** The key's name: the log name the archive uses by default ({@code palimpsest.log.name}). */
    public static final String NAME = "palimpsest.local/log";
    public static final String SIGNING_KEY_FILE = "log-signing-key";
    public static final String VERIFIER_KEY_FILE = "log-verifier-key";

    public DevstackLogKey {
        Objects.requireNonNull(signingKeyFile, "signingKeyFile");
        Objects.requireNonNull(verifierKeyFile, "verifierKeyFile");
    }

    /** The log key of the stack whose data is in {@code dataDirectory}, generated now if there is none yet. */
    public static synchronized DevstackLogKey in(Path dataDirectory) {
        Path keys = dataDirectory.resolve(DevstackIssuer.KEYS_DIRECTORY);
        DevstackLogKey key = new DevstackLogKey(keys.resolve(SIGNING_KEY_FILE), keys.resolve(VERIFIER_KEY_FILE));
        if (!Files.isRegularFile(key.signingKeyFile) || !Files.isRegularFile(key.verifierKeyFile)) {
            NoteSigner.GeneratedKey generated = NoteSigner.generate(NAME, new SecureRandom());
            try {
                Files.createDirectories(keys);
                DevstackIssuer.write(key.signingKeyFile, generated.signerKey() + "\n", true);
                DevstackIssuer.write(key.verifierKeyFile, generated.verifierKey() + "\n", false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the log key into " + keys, e);
            }
        }
        return key;
    }

    /** The verifier key: what a reader trusts the stack's log with. */
    public String verifierKey() {
        try {
            return Files.readString(verifierKeyFile, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + verifierKeyFile, e);
        }
    }

    /** What the archive needs to sign checkpoints: {@code palimpsest.log.signing-key-location}. */
    public Map<String, String> signingConfig() {
        return Map.of("palimpsest.log.signing-key-location", signingKeyFile.toAbsolutePath().toString());
    }
}
