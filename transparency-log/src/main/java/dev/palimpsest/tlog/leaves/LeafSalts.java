package dev.palimpsest.tlog.leaves;

import java.util.Arrays;

/**
 * The salts of a revision's three commitments, kept together by the archive as {@link #SIZE} bytes: the text's,
 * the comment's, then the performer's. Erasing a text destroys its salt (ADR 0041): since ADR 0042 the text's salt is
 * sealed with the text in its pack, and the other two are kept alone ({@link #SIZE_WITHOUT_TEXT} bytes, text null).
 */
public record LeafSalts(byte[] text, byte[] comment, byte[] performer) {

    public static final int SIZE = 3 * Commitment.SALT_SIZE;
    /** The comment's and performer's salts alone, kept where the text's is sealed with the text (ADR 0042). */
    public static final int SIZE_WITHOUT_TEXT = 2 * Commitment.SALT_SIZE;

    public static LeafSalts fresh() {
        return new LeafSalts(Commitment.newSalt(), Commitment.newSalt(), Commitment.newSalt());
    }

    /**
     * The salts as kept: {@link #SIZE} bytes, or {@link #SIZE_WITHOUT_TEXT} where the text's salt is sealed with the
     * text (its {@link #text()} is then null).
     */
    public static LeafSalts of(byte[] stored) {
        if (stored != null && stored.length == SIZE_WITHOUT_TEXT) {
            return new LeafSalts(null, Arrays.copyOfRange(stored, 0, Commitment.SALT_SIZE),
                    Arrays.copyOfRange(stored, Commitment.SALT_SIZE, SIZE_WITHOUT_TEXT));
        }
        if (stored == null || stored.length != SIZE) {
            throw new IllegalArgumentException("a revision's salts are " + SIZE + " bytes, or " + SIZE_WITHOUT_TEXT
                    + " without its text's");
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

    /** {@link #SIZE} bytes; {@link #withoutText()} when the text's salt is kept elsewhere. */
    public byte[] toBytes() {
        if (text == null) {
            return withoutText();
        }
        byte[] stored = new byte[SIZE];
        System.arraycopy(text, 0, stored, 0, Commitment.SALT_SIZE);
        System.arraycopy(comment, 0, stored, Commitment.SALT_SIZE, Commitment.SALT_SIZE);
        System.arraycopy(performer, 0, stored, 2 * Commitment.SALT_SIZE, Commitment.SALT_SIZE);
        return stored;
    }
}
