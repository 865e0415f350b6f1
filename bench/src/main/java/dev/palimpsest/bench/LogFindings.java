package dev.palimpsest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Warnings and errors in a stack's logs (the services', the broker's, PostgreSQL's), read before its data directory
 * goes: a run that finishes can still have retried, timed out or rebalanced on the way, and its figures then say
 * less than they seem to.
 *
 * @param file     the log, relative to the data directory
 * @param examples the first few distinct messages, counted
 */
record LogFindings(String file, long warnings, long errors, Map<String, Long> examples) {

    private static final int EXAMPLES = 5;
    private static final int EXAMPLE_LENGTH = 220;
    /** The level as Quarkus ({@code WARN  [cat]}), Kafka ({@code ] WARN msg}) and PostgreSQL ({@code WARNING:}) put it. */
    private static final Pattern LEVEL = Pattern.compile("\\b(WARN|WARNING|ERROR|FATAL|SEVERE)\\b:?");
    /** Where a level is looked for: the line's prefix, not a message that merely mentions an error. */
    private static final int LEVEL_WITHIN = 60;

    static List<LogFindings> scan(Path dataDirectory) {
        List<LogFindings> findings = new ArrayList<>();
        for (Path log : logs(dataDirectory)) {
            LogFindings found = scanFile(dataDirectory, log);
            if (found.warnings() + found.errors() > 0) {
                findings.add(found);
            }
        }
        return findings;
    }

    private static List<Path> logs(Path dataDirectory) {
        List<Path> logs = new ArrayList<>();
        for (Path directory : List.of(dataDirectory.resolve("logs"), dataDirectory.resolve("kafka"),
                dataDirectory.resolve("postgres"))) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().matches(".*\\.(log|out)(\\.\\d+)?"))
                        .sorted().forEach(logs::add);
            } catch (IOException e) {
                // an unreadable directory has nothing to report
            }
        }
        return logs;
    }

    static LogFindings scanFile(Path dataDirectory, Path log) {
        long warnings = 0;
        long errors = 0;
        Map<String, Long> examples = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                Matcher level = LEVEL.matcher(line);
                if (!level.find() || level.start() > LEVEL_WITHIN) {
                    continue;
                }
                if (level.group(1).startsWith("WARN")) {
                    warnings++;
                } else {
                    errors++;
                }
                String message = line.substring(level.start()).strip();
                String example = message.length() > EXAMPLE_LENGTH ? message.substring(0, EXAMPLE_LENGTH) + "…"
                        : message;
                // numbers (offsets, ids, durations) vary between otherwise equal messages
                String key = example.replaceAll("\\d+", "#");
                if (examples.containsKey(key) || examples.size() < EXAMPLES) {
                    examples.merge(key, 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            examples.put("(cannot read: " + e.getMessage() + ")", 1L);
        }
        return new LogFindings(dataDirectory.relativize(log).toString(), warnings, errors, examples);
    }
}
