package dev.palimpsest.ingest.mediawiki;

/**
 * The document as a whole is not a MediaWiki export this reader accepts (not well-formed, a DTD, the wrong root
 * element, truncated, not UTF-8): nothing in it can be trusted, so nothing of it is published.
 */
public class DumpFormatException extends Exception {

    public DumpFormatException(String message) {
        super(message, null, false, false);
    }
}
