package dev.palimpsest.deploy.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The relative links of Markdown files inside one repository, and which of them lead nowhere: a file or directory that
 * does not exist or lies outside the repository, or a {@code #fragment} that is no heading's anchor in the Markdown file
 * it names. Anchors are made the way GitHub makes them (lower case, spaces to hyphens, punctuation dropped, repeats
 * numbered {@code -1}, {@code -2}), which is what commonmark's heading-anchor extension does. Links with a scheme
 * ({@code https:}, {@code mailto:}) are not followed.
 */
final class DocumentationLinks {

    /** A link that leads nowhere, and why. */
    record Broken(Path file, String destination, String reason) {
        @Override
        public String toString() {
            return file + ": (" + destination + ") " + reason;
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;
    private final Parser parser = Parser.builder().build();
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    DocumentationLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The broken links of {@code file}, in the order they appear. */
    List<Broken> brokenLinksOf(Path file) {
        Path source = root.resolve(file).normalize();
        List<Broken> broken = new ArrayList<>();
        for (String destination : destinations(parse(source))) {
            check(source, destination).ifPresent(reason -> broken.add(new Broken(root.relativize(source), destination, reason)));
        }
        return broken;
    }

    /** The anchors of a Markdown file's headings, as GitHub makes them. */
    Set<String> anchorsOf(Path file) {
        return anchorsByFile.computeIfAbsent(root.resolve(file).normalize(), this::readAnchors);
    }

    private Optional<String> check(Path source, String destination) {
        if (SCHEME.matcher(destination).find()) {
            return Optional.empty();
        }
        int hash = destination.indexOf('#');
        String path = hash < 0 ? destination : destination.substring(0, hash);
        String fragment = hash < 0 ? null : destination.substring(hash + 1);
        Path target = path.isEmpty() ? source
                : source.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
        if (!target.startsWith(root)) {
            return Optional.of("leads outside the repository");
        }
        if (!Files.exists(target)) {
            return Optional.of("no such file or directory: " + root.relativize(target));
        }
        if (fragment == null || fragment.isEmpty()) {
            return Optional.empty();
        }
        if (!target.getFileName().toString().endsWith(".md")) {
            return Optional.of("an anchor in a file that is not Markdown");
        }
        return anchorsOf(target).contains(fragment) ? Optional.empty()
                : Optional.of("no heading of " + root.relativize(target) + " has the anchor #" + fragment);
    }

    private Set<String> readAnchors(Path file) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> anchors = new LinkedHashSet<>();
        parse(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                anchors.add(ids.generateId(textOf(heading)));
            }
        });
        return anchors;
    }

    /** A heading's text as GitHub slugs it: its words and the content of its code spans. */
    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private static List<String> destinations(Node document) {
        List<String> destinations = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
            }
        });
        return destinations;
    }

    private Node parse(Path file) {
        try {
            return parser.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
