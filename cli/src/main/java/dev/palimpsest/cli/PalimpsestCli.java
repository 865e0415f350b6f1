package dev.palimpsest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./palimpsest <command>}: talking to a running Palimpsest (started by {@code ./palimpsest up} or not). */
@Command(name = "palimpsest", mixinStandardHelpOptions = true, version = "palimpsest 0.1.0",
        description = "Talk to a running Palimpsest archive.",
        subcommands = {SubmitCommand.class, HistoryCommand.class, AsOfCommand.class, DiffCommand.class,
                ImportCommand.class, RedactCommand.class, RebuildReadModelCommand.class, VerifyCommand.class,
                BlameCommand.class})
public final class PalimpsestCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PalimpsestCli()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }
}
