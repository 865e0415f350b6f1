package dev.palimpsest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A history as {@code git fast-import} reads it: one commit per revision, in the order given, on one branch, each
 * replacing the page's one file ({@code <pageId>.wiki}) with the revision's text. The commit's committer and date
 * are the revision's contributor and timestamp, its message the edit summary; commit n has mark {@code :n}, so
 * {@code --export-marks} names revision n's commit. That is how a person would keep a wiki page's history in git,
 * and the anchor for Palimpsest's storage and import figures.
 */
final class FastImportStream implements AutoCloseable {

    static final String BRANCH = "refs/heads/main";

    private final OutputStream out;
    private long commits;

    FastImportStream(OutputStream out) {
        this.out = out;
    }

    /** Commits written so far; the last one's mark. */
    long commits() {
        return commits;
    }

    /** The path of a page's file in the repository. */
    static String fileOf(long pageId) {
        return pageId + ".wiki";
    }

    void write(WikiHistory.Revision revision) throws IOException {
        commits++;
        String message = revision.comment().isEmpty() ? "revision " + revision.revisionId() : revision.comment();
        StringBuilder header = new StringBuilder(256)
                .append("commit ").append(BRANCH).append('\n')
                .append("mark :").append(commits).append('\n')
                .append("committer ").append(ident(revision.contributor())).append(' ')
                .append(revision.timestamp().getEpochSecond()).append(" +0000\n");
        ascii(header);
        data(message.getBytes(StandardCharsets.UTF_8));
        ascii(new StringBuilder("M 100644 inline ").append(fileOf(revision.pageId())).append('\n'));
        data(revision.text().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /** {@code Name <>}: git refuses angle brackets and line breaks in a name; an IP or a user name is kept. */
    static String ident(String contributor) {
        String name = contributor.replaceAll("[<>\\r\\n]", " ").strip();
        return (name.isEmpty() ? "unknown" : name) + " <>";
    }

    private void data(byte[] bytes) throws IOException {
        ascii(new StringBuilder("data ").append(bytes.length).append('\n'));
        out.write(bytes);
        out.write('\n');
    }

    private void ascii(CharSequence text) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        out.write("done\n".getBytes(StandardCharsets.US_ASCII));
        out.close();
    }
}
