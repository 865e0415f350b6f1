package dev.palimpsest.devstack.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's command line: {@code up|help [--data-dir DIR] [--home DIR] [--brokers N]}, options before or after
 * the command,
 * as {@code --name value} or {@code --name=value}. Relative directories are taken from the directory the
 * launcher was started in, as a shell user expects.
 *
 * @param command       what to do
 * @param home          the repository's root (the services' jars and the seed article are found under it)
 * @param dataDirectory where the infrastructure and the service logs keep their data
 * @param brokers       how many Kafka brokers: 1 (the default) or 3 (a cluster that survives losing one)
 */
record LauncherArguments(Command command, Path home, Path dataDirectory, int brokers) {

    /** The broker counts the launcher offers: one for development, three for a cluster that tolerates a loss. */
    static final java.util.Set<Integer> BROKER_COUNTS = java.util.Set.of(1, 3);

    enum Command {
        UP, HELP
    }

    /**
     * @param workingDirectory what relative paths, and the default home, are relative to
     * @throws IllegalArgumentException naming what is wrong, for the user: an unknown command or option, a missing
     *                                  value, a repeated option, no command at all
     */
    static LauncherArguments parse(List<String> args, Path workingDirectory) {
        Command command = null;
        Path home = null;
        Path dataDirectory = null;
        Integer brokers = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--home", "--data-dir" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException(name + " needs a directory");
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException(name + " needs a directory");
                    }
                    Path directory = workingDirectory.resolve(value).normalize();
                    if (name.equals("--home")) {
                        if (home != null) {
                            throw new IllegalArgumentException("--home given twice");
                        }
                        home = directory;
                    } else {
                        if (dataDirectory != null) {
                            throw new IllegalArgumentException("--data-dir given twice");
                        }
                        dataDirectory = directory;
                    }
                }
                case "--brokers" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException("--brokers needs a number: 1 or 3");
                    }
                    if (brokers != null) {
                        throw new IllegalArgumentException("--brokers given twice");
                    }
                    brokers = parseBrokers(value);
                }
                // asking for help anywhere wins: "up --help" shows the usage rather than starting everything
                case "-h", "--help", "help" -> command = Command.HELP;
                case "up" -> command = command == null ? Command.UP : command;
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unknown option " + arg : "unknown command " + arg);
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("no command given");
        }
        home = home == null ? workingDirectory.normalize() : home;
        dataDirectory = dataDirectory == null
                ? home.resolve(PalimpsestStack.Options.DEFAULT_DATA_DIRECTORY) : dataDirectory;
        return new LauncherArguments(command, home, dataDirectory, brokers == null ? 1 : brokers);
    }

    private static int parseBrokers(String value) {
        try {
            int brokers = Integer.parseInt(value.strip());
            if (BROKER_COUNTS.contains(brokers)) {
                return brokers;
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        throw new IllegalArgumentException("--brokers must be 1 or 3, got '" + value + "'");
    }
}
