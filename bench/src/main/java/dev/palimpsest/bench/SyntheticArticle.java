package dev.palimpsest.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One page's text through its history. Each revision is an edit of its predecessor (a few words or lines
 * inserted, deleted or replaced; sometimes a paragraph or section), or, about one time in twenty, an identity
 * revert: the exact text of a revision two or more back. Only the current text and the few before it are kept, so
 * a history of any length takes the same memory.
 */
final class SyntheticArticle {

    /** Percent of revisions (after the second) that restore an earlier text. */
    static final int REVERT_PERCENT = 5;
    /** How far back a revert may reach: the texts kept besides the current one. */
    private static final int REMEMBERED = 8;

    private final SplittableRandom random;
    private final WordSource words;
    private final int targetBytes;
    /** The current text's lines: headings, paragraphs (one line each) and the blank lines between them. */
    private List<String> lines = new ArrayList<>();
    private String current;
    /** Texts of the revisions before the current one, the most recent first. */
    private final Deque<String> earlier = new ArrayDeque<>();

    /**
     * The next revision's text.
     *
     * @param revertDepth for an identity revert, how many revisions before its predecessor the restored text was
     *                    written (1: the usual undo of the last edit); 0 for an edit
     */
    record Change(String text, int revertDepth) {

        boolean isRevert() {
            return revertDepth > 0;
        }
    }

    SyntheticArticle(SplittableRandom random, int targetBytes) {
        this.random = random;
        this.words = new WordSource(random);
        this.targetBytes = targetBytes;
    }

    /** The first revision, then edits and reverts. */
    Change next() {
        if (current == null) {
            create();
            current = String.join("\n", lines);
            return new Change(current, 0);
        }
        String previous = current;
        Change change = earlier.size() >= 1 && random.nextInt(100) < REVERT_PERCENT ? revert() : null;
        if (change == null) {
            change = edit();
        }
        remember(previous);
        current = change.text();
        return change;
    }

    private void create() {
        lines.add(words.paragraph(targetBytes / 6));
        while (length() < targetBytes) {
            lines.add("");
            lines.add(words.heading());
            int paragraphs = 1 + random.nextInt(3);
            for (int i = 0; i < paragraphs; i++) {
                lines.add(words.paragraph(150 + random.nextInt(500)));
            }
        }
    }

    /** Restores an earlier text, never the current one (that would be a null edit); null when it cannot. */
    private Change revert() {
        // usually the vandalism just before is undone; now and then someone reaches further back
        int reach = random.nextInt(10) < 7 ? 1 : 1 + random.nextInt(Math.min(earlier.size(), REMEMBERED));
        reach = Math.min(reach, earlier.size());
        Iterator<String> texts = earlier.iterator();
        String restored = null;
        for (int i = 0; i < reach; i++) {
            restored = texts.next();
        }
        if (restored.equals(current)) {
            return null; // the text came back already; an edit instead
        }
        lines = new ArrayList<>(Arrays.asList(restored.split("\n", -1)));
        return new Change(restored, reach);
    }

    private Change edit() {
        int roll = random.nextInt(100);
        int operations = roll < 60 ? 1 : roll < 85 ? 2 : 3 + random.nextInt(3);
        for (int i = 0; i < operations; i++) {
            editOnce();
        }
        String text = String.join("\n", lines);
        while (text.equals(current)) {
            insertWords(); // a replacement drew the word it replaced: still an edit
            text = String.join("\n", lines);
        }
        return new Change(text, 0);
    }

    private void editOnce() {
        int length = length();
        int roll = random.nextInt(100);
        if (roll < 3 && length < targetBytes * 3 / 2) {
            addSection();
        } else if (roll < 6 && length < targetBytes * 3 / 2) {
            addParagraph();
        } else if (roll < 9 && length > targetBytes * 2 / 3) {
            removeParagraph();
        } else if (roll < 40 && length < targetBytes * 3 / 2) {
            insertWords();
        } else if (roll < 65 && length > targetBytes * 2 / 3) {
            deleteWords();
        } else {
            replaceWords();
        }
    }

    private void insertWords() {
        int line = randomParagraph();
        List<String> tokens = tokens(line);
        int at = random.nextInt(tokens.size() + 1);
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            tokens.add(at, words.word());
        }
        lines.set(line, String.join(" ", tokens));
    }

    private void deleteWords() {
        int line = randomParagraph();
        List<String> tokens = tokens(line);
        int count = Math.min(1 + random.nextInt(5), tokens.size() - 3);
        if (count <= 0) {
            replaceWords();
            return;
        }
        int from = random.nextInt(tokens.size() - count + 1);
        tokens.subList(from, from + count).clear();
        lines.set(line, String.join(" ", tokens));
    }

    private void replaceWords() {
        int line = randomParagraph();
        List<String> tokens = tokens(line);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            tokens.set(random.nextInt(tokens.size()), words.word());
        }
        lines.set(line, String.join(" ", tokens));
    }

    private void addParagraph() {
        int after = randomParagraph();
        lines.add(after + 1, words.paragraph(150 + random.nextInt(400)));
        lines.add(after + 1, "");
    }

    private void addSection() {
        lines.add("");
        lines.add(words.heading());
        lines.add(words.paragraph(200 + random.nextInt(400)));
    }

    /** Removes a paragraph, and the blank line before it; the lead paragraph stays. */
    private void removeParagraph() {
        int line = randomParagraph();
        if (line == 0) {
            deleteWords();
            return;
        }
        lines.remove(line);
        if (lines.get(line - 1).isEmpty()) {
            lines.remove(line - 1);
        }
    }

    /** The index of a paragraph line (never a heading or a blank line); the lead paragraph is always one. */
    private int randomParagraph() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int line = random.nextInt(lines.size());
            String text = lines.get(line);
            if (!text.isEmpty() && !text.startsWith("==")) {
                return line;
            }
        }
        return 0;
    }

    private List<String> tokens(int line) {
        return new ArrayList<>(Arrays.asList(lines.get(line).split(" ")));
    }

    /** Characters, not bytes: close enough to steer the size. */
    private int length() {
        int length = 0;
        for (String line : lines) {
            length += line.length() + 1;
        }
        return length;
    }

    private void remember(String text) {
        earlier.addFirst(text);
        if (earlier.size() > REMEMBERED) {
            earlier.removeLast();
        }
    }
}
