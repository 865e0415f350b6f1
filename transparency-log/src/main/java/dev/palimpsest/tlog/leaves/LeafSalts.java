package dev.palimpsest.tlog.leaves;

import java.util.Arrays;

/**
 * The salts of a revision's three commitments, kept together by the archive as {@link #SIZE} bytes: the text's,
 * the comment's, then the performer's. Erasing a text destroys its salt (ADR 0041).
 */
public record LeafSalts(byte[] text, byte[] comment, byte[] performer) {

    public static final int SIZE = 3 * Commitment.SALT_SIZE;
    /** The comment's and performer's salts alone, kept where the text's is sealed with the text (ADR 0042). */
    public static final int SIZE_WITHOUT_TEXT = 2 * Commitment.SALT_SIZE;

    public static LeafSalts fresh() {
        return new LeafSalts(Commitment.newSalt(), Commitment.newSalt(), Commitment.newSalt());
    }

    public static LeafSalts of(byte[] stored) {
        if (stored == null || stored.length != SIZE) {
            throw new IllegalArgumentException("a revision's salts are " + SIZE + " bytes");
        }
        int salt = Commitment.SALT_SIZE;
        return new LeafSalts(Arrays.copyOfRange(stored, 0, salt), Arrays.copyOfRange(stored, salt, 2 * salt),
                Arrays.copyOfRange(stored, 2 * salt, 3 * salt));
    }

    /** The salts kept {@link #withoutText()}, with the text's salt kept elsewhere. */
    public static LeafSalts withText(byte[] withoutText, byte[] textSalt) {
        if (withoutText == null || withoutText.length != SIZE_WITHOUT_TEXT || textSalt == null
                || textSalt.length != Commitment.SALT_SIZE) {
            throw new IllegalArgumentException("a revision's salts without its text's are " + SIZE_WITHOUT_TEXT
                    + " bytes, and a text's salt " + Commitment.SALT_SIZE);
        }
        int salt = Commitment.SALT_SIZE;
        return new LeafSalts(textSalt, Arrays.copyOfRange(withoutText, 0, salt),
                Arrays.copyOfRange(withoutText, salt, 2 * salt));
    }

    /** The comment's and performer's salts, {@link #SIZE_WITHOUT_TEXT} bytes. */
    public byte[] withoutText() {
        byte[] stored = new byte[SIZE_WITHOUT_TEXT];
        System.arraycopy(comment, 0, stored, 0, Commitment.SALT_SIZE);
        System.arraycopy(performer, 0, stored, Commitment.SALT_SIZE, Commitment.SALT_SIZE);
        return stored;
    }

    public byte[] toBytes() {
        byte[] stored = new byte[SIZE];
        System.arraycopy(text, 0, stored, 0, Commitment.SALT_SIZE);
        System.arraycopy(comment, 0, stored, Commitment.SALT_SIZE, Commitment.SALT_SIZE);
        System.arraycopy(performer, 0, stored, 2 * Commitment.SALT_SIZE, Commitment.SALT_SIZE);
        return stored;
    }
}
