package dev.palimpsest.devstack.local;

import dev.palimpsest.devstack.FreePorts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports a data directory's servers listen on, kept in {@code ports.properties} inside it: picked free on first
 * start and reused on restart, so URLs stay stable and KRaft's recorded controller endpoint stays true.
 */
final class PortBook {

    private final Path file;
    private final Properties ports = new Properties();

    PortBook(Path dataDirectory) {
        this.file = dataDirectory.resolve("ports.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                ports.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    synchronized int port(String name) {
        String known = ports.getProperty(name);
        if (known != null) {
            return Integer.parseInt(known);
        }
        int port;
        do {
            port = FreePorts.pick(); // a cluster books seven ports in a row: never one twice
        } while (ports.containsValue(Integer.toString(port)));
        ports.setProperty(name, Integer.toString(port));
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                ports.store(writer, "ports of this Palimpsest devstack; delete to pick new ones");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return port;
    }
}
