package dev.palimpsest.deploy.reference;

import dev.palimpsest.deploy.consistency.ServiceConfiguration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a service's properties file declares, in file order, each with the comment that explains it. Read by hand
 * rather than with {@link java.util.Properties}, which keeps neither the order nor the comments.
 */
public final class ServiceProperties {

    /**
     * One key as the file declares it.
     *
     * @param key          e.g. {@code kafka.bootstrap.servers}
     * @param defaultValue the value in the file (expressions such as {@code ${java.io.tmpdir}} as written)
     * @param meaning      the comment block right above the key, or above the run of keys it belongs to; empty when
     *                     the key has none
     * @param sharesMeaningWithPrevious true when the key follows another under the same comment
     */
    public record Property(String key, String defaultValue, String meaning, boolean sharesMeaningWithPrevious) {

        /** The environment variable that overrides the key. */
        public String environmentVariable() {
            return ServiceConfiguration.environmentName(key);
        }
    }

    private ServiceProperties() {
    }

    /** Every key of the file that applies to a running service: profile-specific keys (%test.…) are left out. */
    public static List<Property> read(Path file) throws IOException {
        List<Property> properties = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        String meaningOfRun = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                comment.clear();
                meaningOfRun = null;
            } else if (line.startsWith("#") || line.startsWith("!")) {
                if (meaningOfRun != null) {
                    comment.clear();
                    meaningOfRun = null;
                }
                comment.add(line.substring(1).strip());
            } else {
                StringBuilder logical = new StringBuilder();
                while (line.endsWith("\\") && i + 1 < lines.size()) {
                    logical.append(line, 0, line.length() - 1);
                    line = lines.get(++i).strip();
                }
                logical.append(line);
                int separator = logical.indexOf("=");
                if (separator < 0) {
                    throw new IllegalArgumentException(file + ": a line without '=': " + logical);
                }
                String key = logical.substring(0, separator).strip();
                String value = logical.substring(separator + 1).strip();
                boolean continuing = meaningOfRun != null;
                if (!continuing) {
                    meaningOfRun = String.join(" ", comment);
                    comment.clear();
                }
                if (!key.startsWith("%")) {
                    properties.add(new Property(key, value, meaningOfRun, continuing));
                }
            }
        }
        return properties;
    }
}
