package dev.palimpsest.bench;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a synthetic dump holds: {@code pages} pages of {@code revisionsPerPage} revisions each, texts of about
 * {@code textBytes} bytes, all drawn from {@code seed} (the same shape gives the same bytes, byte for byte).
 *
 * @param database the wiki's database name written in {@code <siteinfo>}; article keys are {@code database:pageId}
 */
public record DumpShape(int pages, int revisionsPerPage, long seed, String database, int textBytes) {

    public static final String DEFAULT_DATABASE = "benchwiki";
    public static final int DEFAULT_TEXT_BYTES = 3000;
    public static final int MAX_REVISIONS_PER_PAGE = 50_000_000;

    /** What ingest accepts as a database name. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,64}");

    public DumpShape {
        Objects.requireNonNull(database, "database");
        if (pages < 1 || revisionsPerPage < 1) {
            throw new IllegalArgumentException("a dump needs at least one page of one revision, got " + pages
                    + " pages of " + revisionsPerPage);
        }
        if (revisionsPerPage > MAX_REVISIONS_PER_PAGE) {
            throw new IllegalArgumentException("at most " + MAX_REVISIONS_PER_PAGE + " revisions per page (a history"
                    + " spreads over 23 years, at least a few seconds apart), got " + revisionsPerPage);
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database: lowercase letters, digits, underscores, got " + database);
        }
        if (textBytes < 200) {
            throw new IllegalArgumentException("texts of fewer than 200 bytes leave nothing to edit: " + textBytes);
        }
    }

    public static DumpShape of(int pages, int revisionsPerPage, long seed) {
        return new DumpShape(pages, revisionsPerPage, seed, DEFAULT_DATABASE, DEFAULT_TEXT_BYTES);
    }

    public long totalRevisions() {
        return (long) pages * revisionsPerPage;
    }

    /** Page ids are 1 … pages, in document order. */
    public long pageId(int pageIndex) {
        return pageIndex + 1L;
    }

    /** How ingest keys the page's revisions, and how archive and query name the article. */
    public String articleKey(int pageIndex) {
        return database + ":" + pageId(pageIndex);
    }

    /**
     * Revision ids grow with time across the whole wiki, as in real dumps: the r-th revisions of all pages come
     * before the (r+1)-th ones, so each page's ids increase and pages interleave.
     */
    public long revisionId(int pageIndex, int revisionIndex) {
        return 1L + (long) revisionIndex * pages + pageIndex;
    }
}
