package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DevStack;
import dev.palimpsest.events.Roles;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's command line: {@code up|token|help [--data-dir DIR] [--home DIR]}, for {@code up}
 * {@code [--brokers 1|3] [--partitions N] [--archive-instances N] [--query-instances N] [--ingest-instances N]}, and for {@code token}
 * {@code [--role writer|admin] [--subject NAME] [--ttl 12h]}; options
 * before or after the command, as {@code --name value} or {@code --name=value}. Relative directories are taken from
 * the directory the launcher was started in, as a shell user expects.
 *
 * @param command       what to do
 * @param home          the repository's root (the services' jars and the seed article are found under it)
 * @param dataDirectory where the infrastructure and the service logs keep their data
 * @param brokers       how many Kafka brokers: 1 (the default) or 3 (a cluster that survives losing one)
 * @param scale         partitions and instances of the services (default: one each, 3 partitions)
 * @param token         what {@code token} mints (the defaults for the other commands)
 */
record LauncherArguments(Command command, Path home, Path dataDirectory, int brokers, PalimpsestStack.Scale scale,
                         TokenRequest token) {

    /** The broker counts the launcher offers: one for development, three for a cluster that tolerates a loss. */
    static final java.util.Set<Integer> BROKER_COUNTS = java.util.Set.of(1, 3);

    enum Command {
        UP, TOKEN, HELP
    }

    /**
     * @param role    the token's one role
     * @param subject who the token names ({@code sub}): the services' logs and rate limits are per subject
     * @param ttl     how long the token is valid
     */
    record TokenRequest(String role, String subject, Duration ttl) {

        static final Duration DEFAULT_TTL = Duration.ofHours(12);

        static TokenRequest defaults() {
            String user = System.getProperty("user.name", "");
            return new TokenRequest(Roles.WRITER, user.isBlank() ? "local-writer" : user, DEFAULT_TTL);
        }
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})([smhd])");

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
        java.util.Map<String, Integer> scaleCounts = new java.util.HashMap<>();
        String role = null;
        String subject = null;
        Duration ttl = null;
        java.util.Set<String> given = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = null;
            if (name.startsWith("--") && !name.equals("--help")) {
                String missing = switch (name) {
                    case "--home", "--data-dir" -> "a directory";
                    case "--brokers" -> "a number: 1 or 3";
                    case "--partitions", "--archive-instances", "--query-instances", "--ingest-instances" ->
                            "a number";
                    case "--role", "--subject", "--ttl" -> "a value";
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                };
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException(name + " needs " + missing);
                }
                if (!given.add(name)) {
                    throw new IllegalArgumentException(name + " given twice");
                }
            }
            switch (name) {
                case "--role" -> {
                    if (!Roles.ALL.contains(value)) {
                        throw new IllegalArgumentException("--role is " + Roles.WRITER + " or " + Roles.ADMIN
                                + ", not '" + value + "'");
                    }
                    role = value;
                }
                case "--subject" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--subject needs a name");
                    }
                    subject = value;
                }
                case "--ttl" -> ttl = duration(value);
                case "--home", "--data-dir" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException(name + " needs a directory");
                    }
                    Path directory = workingDirectory.resolve(value).normalize();
                    if (name.equals("--home")) {
                        home = directory;
                    } else {
                        dataDirectory = directory;
                    }
                }
                case "--brokers" -> brokers = parseBrokers(value);
                case "--partitions", "--archive-instances", "--query-instances", "--ingest-instances" ->
                        scaleCounts.put(name, parseCount(name, value));
                // asking for help anywhere wins: "up --help" shows the usage rather than starting everything
                case "-h", "--help", "help" -> command = Command.HELP;
                case "up" -> command = command == null ? Command.UP : command;
                case "token" -> command = command == null ? Command.TOKEN : command;
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unknown option " + arg : "unknown command " + arg);
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("no command given");
        }
        if (command == Command.UP && (role != null || subject != null || ttl != null)) {
            throw new IllegalArgumentException("--role, --subject and --ttl are options of token, not of up");
        }
        if (command == Command.TOKEN && !scaleCounts.isEmpty()) {
            throw new IllegalArgumentException("--partitions, --archive-instances, --query-instances and"
                    + " --ingest-instances are options of up, not of token");
        }
        PalimpsestStack.Scale single = PalimpsestStack.Scale.SINGLE;
        PalimpsestStack.Scale scale = new PalimpsestStack.Scale(
                scaleCounts.getOrDefault("--partitions", single.partitions()),
                scaleCounts.getOrDefault("--archive-instances", single.archiveInstances()),
                scaleCounts.getOrDefault("--query-instances", single.queryInstances()),
                scaleCounts.getOrDefault("--ingest-instances", single.ingestInstances()));
        home = home == null ? workingDirectory.normalize() : home;
        dataDirectory = dataDirectory == null
                ? home.resolve(PalimpsestStack.Options.DEFAULT_DATA_DIRECTORY) : dataDirectory;
        TokenRequest defaults = TokenRequest.defaults();
        TokenRequest token = new TokenRequest(role == null ? defaults.role() : role,
                subject == null ? defaults.subject() : subject, ttl == null ? defaults.ttl() : ttl);
        return new LauncherArguments(command, home, dataDirectory, brokers == null ? 1 : brokers, scale, token);
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 such as {@code PT1H30M}; positive. */
    static Duration duration(String text) {
        Duration duration;
        Matcher simple = SIMPLE_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            duration = switch (simple.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--ttl is a duration such as 30m, 12h or 7d, not '" + text + "'");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--ttl must be positive, not '" + text + "'");
        }
        return duration;
    }

    /** A count within what {@link PalimpsestStack.Scale} accepts, named after the option when it is not. */
    private static int parseCount(String option, String value) {
        int max = option.equals("--partitions") ? DevStack.Options.MAX_PARTITIONS
                : PalimpsestStack.Scale.MAX_INSTANCES;
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        throw new IllegalArgumentException(option + " must be 1 to " + max + ", got '" + value + "'");
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
