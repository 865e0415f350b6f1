package dev.palimpsest.devstack.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scrape of {@code /q/metrics} (Prometheus text exposition format 0.0.4), parsed for tests: the samples with their
 * labels, and the {@code # HELP} and {@code # TYPE} lines of each metric family.
 */
public final class PrometheusText {

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> help;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> help, Map<String, String> types) {
        this.samples = samples;
        this.help = help;
        this.types = types;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> help = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                (line.startsWith("# HELP ") ? help : types).put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (!line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new PrometheusText(List.copyOf(samples), Collections.unmodifiableMap(help),
                Collections.unmodifiableMap(types));
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] valueAndTime = line.substring(rest).trim().split(" ");
        return new Sample(name, Collections.unmodifiableMap(labels), value(valueAndTime[0]));
    }

    /** Reads {@code k="v",…}} from {@code start}; returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            i = equals + 2; // past ="
            for (char c; (c = line.charAt(i)) != '"'; i++) {
                if (c == '\\') {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i++; // past the closing quote
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample name (for a histogram: its {@code _bucket}, {@code _count}, {@code _sum} lines). */
    public Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    /** The samples named {@code name} whose labels include {@code labels} (alternating keys and values). */
    public List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labels)) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The sum of the samples {@link #find} finds; 0 when there are none. */
    public double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The {@code # HELP} text of the family {@code family} (e.g. {@code palimpsest_ingest_submissions}), or null. */
    public String help(String family) {
        return help.get(family);
    }

    /** The {@code # TYPE} of the family {@code family} (counter, gauge, histogram, summary), or null. */
    public String type(String family) {
        return types.get(family);
    }

    /** The families that have a {@code # TYPE} line. */
    public Set<String> families() {
        return types.keySet();
    }
}
