package dev.palimpsest.tlog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A note as C2SP signed-note writes it: a UTF-8 text ending with a newline, without control characters but newlines;
 * a blank line;
 * then one line per signature, {@code — <key name> <base64(key hash || signature)>} (an em dash and a space first).
 * Parsing checks the form only; {@link NoteVerifier} checks signatures.
 *
 * @param text       the signed text, ending with a newline
 * @param signatures the signature lines, in order
 */
public record SignedNote(String text, List<Line> signatures) {

    private static final String DASH = "\u2014 ";
    /** Notes are small (a checkpoint is a few lines); a larger one is refused before it is read. */
    static final int MAX_LENGTH = 1 << 20;
    /** Witnesses may cosign; a hundred signatures is far more than any note needs. */
    static final int MAX_SIGNATURES = 100;

    public SignedNote {
        requireValidText(text);
        signatures = List.copyOf(signatures);
    }

    /** One signature: the key's name and hash, and the signature bytes. */
    public record Line(String name, int keyHash, byte[] signature) {

        @Override
        public String toString() {
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyHash).put(signature).array();
            return DASH + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Line line && line.name.equals(name) && line.keyHash == keyHash
                    && Arrays.equals(line.signature, signature);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + keyHash;
        }
    }

    /** The note as it is sent: its text, a blank line, its signature lines. */
    @Override
    public String toString() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(line -> note.append(line));
        return note.toString();
    }

    /** Reads a signed note; refuses anything not in the form, and a note without signatures. */
    public static SignedNote parse(String note) throws InvalidProofException {
        if (note == null || note.length() > MAX_LENGTH) {
            throw new InvalidProofException("not a signed note (none, or larger than " + MAX_LENGTH + " characters)");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new InvalidProofException("not a signed note: no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        if (!isValidText(text)) {
            throw new InvalidProofException("not a signed note: its text is not lines ending with newlines");
        }
        String[] signatureLines = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (signatureLines.length > MAX_SIGNATURES) {
            throw new InvalidProofException("not a signed note: more than " + MAX_SIGNATURES + " signatures");
        }
        List<Line> lines = new ArrayList<>();
        for (String line : signatureLines) {
            lines.add(line(line));
        }
        return new SignedNote(text, lines);
    }

    static void requireValidText(String text) {
        if (!isValidText(text)) {
            throw new IllegalArgumentException("a note's text is one or more lines, each ending with a newline, "
                    + "without control characters");
        }
    }

    private static boolean isValidText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            return false;
        }
        // no ASCII control characters but the newlines, and nothing that is not valid UTF-8 once encoded
        return text.codePoints().allMatch(c -> c == '\n' || (c >= 0x20
                && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)));
    }

    private static Line line(String line) throws InvalidProofException {
        if (!line.startsWith(DASH)) {
            throw new InvalidProofException("not a signature line (it starts with an em dash and a space)");
        }
        String rest = line.substring(DASH.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || !NoteKeys.isValidName(rest.substring(0, space))) {
            throw new InvalidProofException("a signature line without a key name");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("a signature that is not base64");
        }
        if (blob.length < 5) {
            throw new InvalidProofException("a signature too short to hold a key hash and a signature");
        }
        return new Line(rest.substring(0, space), ByteBuffer.wrap(blob).getInt(),
                Arrays.copyOfRange(blob, 4, blob.length));
    }
}
