package dev.palimpsest.deploy.yaml;

/** A manifest that cannot be read or bound to its model: the message names the file (and field) at fault. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
