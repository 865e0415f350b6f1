package dev.palimpsest.devstack.launcher;

import dev.palimpsest.cli.PalimpsestCli;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands of the CLI (submit, history, as-of, diff, import, redact, …) as {@code ./palimpsest help} lists
 * them, read from the CLI's own picocli definitions: a command added to {@link PalimpsestCli} is listed, with its
 * parameters and its description, without anyone editing the launcher. Needs the cli module on the class path (the
 * launcher's {@code target/lib}, where {@code ./palimpsest} runs it, has it).
 */
final class CliCommands {

    /** Where the launcher's usage text starts a command's description. */
    static final int DESCRIPTION_COLUMN = 9;
    /** Where the launcher's usage text wraps (its lines end by column 100). */
    static final int WIDTH = 100;

    /**
     * @param synopsis    the name and the positional parameters, e.g. {@code submit KEY [FILE]}
     * @param description the command's picocli description, on one line
     */
    record Entry(String name, String synopsis, String description) {
    }

    private CliCommands() {
    }

    /** Every visible subcommand of {@link PalimpsestCli}, in the order the CLI declares them. */
    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (CommandLine command : new CommandLine(new PalimpsestCli()).getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.usageMessage().hidden() || entries.stream().anyMatch(e -> e.name().equals(spec.name()))) {
                continue; // getSubcommands() maps aliases too
            }
            StringBuilder synopsis = new StringBuilder(spec.name());
            for (PositionalParamSpec parameter : spec.positionalParameters()) {
                if (parameter.hidden()) {
                    continue;
                }
                String label = parameter.paramLabel() + (parameter.arity().isVariable() ? "..." : "");
                synopsis.append(' ').append(parameter.arity().min() == 0 ? "[" + label + "]" : label);
            }
            // picocli renders %n as a line break; here each description is one paragraph
            String description = String.join(" ", spec.usageMessage().description()).replace("%n", " ")
                    .replaceAll("\\s+", " ").strip();
            entries.add(new Entry(spec.name(), synopsis.toString(), description));
        }
        return entries;
    }

    /**
     * The entries laid out like the launcher's own commands: the synopsis indented by two, the description from
     * {@link #DESCRIPTION_COLUMN} (on the next line when the synopsis is longer), wrapped at {@link #WIDTH}.
     */
    static String listing() {
        StringBuilder text = new StringBuilder();
        String indent = " ".repeat(DESCRIPTION_COLUMN);
        for (Entry entry : entries()) {
            String head = "  " + entry.synopsis();
            StringBuilder line = new StringBuilder(head.length() < DESCRIPTION_COLUMN
                    ? head + " ".repeat(DESCRIPTION_COLUMN - head.length()) : head + "\n" + indent);
            int lineStart = line.lastIndexOf("\n") + 1;
            boolean first = true;
            for (String word : entry.description().split(" ")) {
                if (!first && line.length() - lineStart + 1 + word.length() > WIDTH) {
                    line.append('\n').append(indent);
                    lineStart = line.length() - indent.length();
                } else if (!first) {
                    line.append(' ');
                }
                line.append(word);
                first = false;
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
