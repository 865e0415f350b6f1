package dev.palimpsest.events;

import java.util.regex.Pattern;

/**
 * An article's key: the stable id its source chose, e.g. {@code enwiki:12345} (a MediaWiki page is
 * {@code {database}:{page id}}, stable across renames, unlike its title). Always valid: 1 to 255 characters of
 * letters, digits and {@code . _ : ~ -}, starting with a letter or digit, so it can stand in a URL path segment, a
 * Kafka record key and a database column as it is.
 */
public record ArticleKey(String value) {

    /** What a key looks like: no spaces, no slashes, nothing to escape. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,254}");

    /** The rule in words, for the answer to a client whose key breaks it. */
    public static final String RULE = "article key must be 1-255 characters of letters, digits and . _ : ~ -"
            + " (starting with a letter or digit), e.g. enwiki:12345";

    /** @throws IllegalArgumentException with {@link #RULE} when {@code value} is not a key */
    public ArticleKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE);
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** The key of a MediaWiki page: {@code {database}:{page id}}. */
    public static ArticleKey ofPage(String database, long pageId) {
        return new ArticleKey(database + ":" + pageId);
    }

    @Override
    public String toString() {
        return value;
    }
}
