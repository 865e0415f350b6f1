package dev.palimpsest.bench.diff;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The pairs of texts the diff benchmarks compare, about 1 MB each, built from the real revisions of the Rio Grande
 * history ({@code data/wiki/enwiki_Rio_Grande_history_2002-2007.xml}, 247 revisions of about 5 KB): the older text is
 * revisions 0, 1, 2, … one after another until it reaches the size; the newer one is, by pair:
 * <ul>
 *   <li>{@code scattered}: the older text with 300 edits at random lines (seeded): a word replaced, a sentence
 *   inserted, a line deleted, a line added (the realistic case: an edit of a long article touches a few
 *   places);</li>
 *   <li>{@code every-line}: the older text with one word changed on every line that has one (a worst case for the
 *   line stage: every line differs, nothing anchors);</li>
 *   <li>{@code shuffled}: the same revisions in another order (a worst case for the refinement: large changed
 *   runs of similar text).</li>
 * </ul>
 * Deterministic: the same files give the same texts.
 */
public final class DiffInputs {

    static final int TARGET_CHARS = 1_000_000;

    private DiffInputs() {
    }

    /** {older, newer} for a pair named as above. */
    public static String[] pair(String name) {
        List<String> revisions = revisions();
        List<Integer> order = new ArrayList<>();
        int chars = 0;
        for (int i = 0; chars < TARGET_CHARS; i = (i + 1) % revisions.size()) {
            order.add(i);
            chars += revisions.get(i).length() + 1;
        }
        String older = join(revisions, order);
        String newer = switch (name) {
            case "scattered" -> scatteredEdits(older, 300, new Random(11));
            case "every-line" -> everyLineEdited(older);
            case "shuffled" -> {
                List<Integer> shuffled = new ArrayList<>(order);
                Collections.shuffle(shuffled, new Random(7));
                yield join(revisions, shuffled);
            }
            default -> throw new IllegalArgumentException("no such pair: " + name);
        };
        return new String[]{older, newer};
    }

    private static String join(List<String> revisions, List<Integer> order) {
        StringBuilder text = new StringBuilder();
        for (int i : order) {
            text.append(revisions.get(i)).append('\n');
        }
        return text.toString();
    }

    private static String scatteredEdits(String text, int edits, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("(?<=\n)")));
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (e % 4) {
                case 0 -> { // the word after a random position becomes another
                    int space = line.indexOf(' ', random.nextInt(Math.max(1, line.length())));
                    int next = space < 0 ? -1 : line.indexOf(' ', space + 1);
                    if (next > 0) {
                        lines.set(at, line.substring(0, space + 1) + "changed" + line.substring(next));
                    }
                }
                case 1 -> lines.set(at, line.replace(". ", ". An added sentence, as editors write them. "));
                case 2 -> lines.remove(at);
                default -> lines.add(at, "A new line of text added by an edit, with a [[link]] in it.\n");
            }
        }
        return String.join("", lines);
    }

    private static String everyLineEdited(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("(?<=\n)")) {
            int space = line.indexOf(' ', line.length() / 2);
            out.append(space < 0 ? line : line.substring(0, space) + " edited" + line.substring(space));
        }
        return out.toString();
    }

    /** The repository: {@code palimpsest.home} (set by ./palimpsest), else the current directory or its parent. */
    static Path data() {
        String home = System.getProperty("palimpsest.home");
        if (home != null) {
            return Path.of(home, "data");
        }
        return Files.isDirectory(Path.of("data")) ? Path.of("data") : Path.of("..", "data");
    }

    /** Every revision of the Rio Grande history (2002–2007) in data/, oldest first. */
    public static List<String> revisions() {
        Path export = data().resolve("wiki/enwiki_Rio_Grande_history_2002-2007.xml");
        List<String> texts = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(export)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("text")) {
                    texts.add(xml.getElementText());
                }
            }
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException(export + " (run from the repository, or set -Dpalimpsest.home)", e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(export + ": " + e.getMessage(), e);
        }
        return texts;
    }
}
