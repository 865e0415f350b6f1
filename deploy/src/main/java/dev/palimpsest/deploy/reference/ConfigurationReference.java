package dev.palimpsest.deploy.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration reference of {@code docs/configuration.md}: every key each service's properties file declares, its
 * environment variable, its default and the file's own comment on it. Generated from the files, so it cannot drift from
 * them ({@code ConfigurationReferenceTest} compares it with the page).
 */
public final class ConfigurationReference {

    public static final String BEGIN = "<!-- BEGIN configuration reference: generated from the services' properties files"
            + " by ConfigurationReferenceTest; edit the files, not this -->";
    public static final String END = "<!-- END configuration reference -->";

    /** A properties file the reference covers, and the heading its table gets. */
    public record Source(String heading, Path file) {
    }

    private ConfigurationReference() {
    }

    /** @param root the repository's root; the sources' files are relative to it, and shown so */
    public static String render(Path root, List<Source> sources) throws IOException {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (Source source : sources) {
            out.append('\n').append("**").append(source.heading()).append("** (`")
                    .append(source.file().toString().replace('\\', '/')).append("`)\n\n")
                    .append("| property | environment variable | default | what it is |\n")
                    .append("|---|---|---|---|\n");
            for (ServiceProperties.Property property : ServiceProperties.read(root.resolve(source.file()))) {
                out.append("| ").append(code(property.key()))
                        .append(" | ").append(code(property.environmentVariable()))
                        .append(" | ").append(property.defaultValue().isEmpty() ? "(empty)" : code(property.defaultValue()))
                        .append(" | ").append(property.sharesMeaningWithPrevious() ? "↑" : cell(property.meaning()))
                        .append(" |\n");
            }
        }
        return out.append('\n').append(END).toString();
    }

    /** A Markdown code span that survives any content: fenced with more backticks than it holds, pipes escaped. */
    private static String code(String text) {
        String fence = text.contains("`") ? "`` " : "`";
        String closing = text.contains("`") ? " ``" : "`";
        return fence + text.replace("|", "\\|") + closing;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
