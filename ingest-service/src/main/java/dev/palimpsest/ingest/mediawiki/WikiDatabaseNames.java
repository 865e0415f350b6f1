package dev.palimpsest.ingest.mediawiki;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Wikimedia's database names from a wiki's address, for exports older than schema 0.10 that have no
 * {@code <dbname>}: {@code it.wikipedia.org → itwiki}, {@code commons.wikimedia.org → commonswiki},
 * {@code en.wiktionary.org → enwiktionary}, {@code www.wikidata.org → wikidatawiki},
 * {@code zh-min-nan.wikipedia.org → zh_min_nanwiki}.
 */
public final class WikiDatabaseNames {

    private WikiDatabaseNames() {
    }

    /** @param base the {@code <siteinfo><base>} URL, e.g. {@code http://en.wikipedia.org/wiki/Main_Page} */
    public static Optional<String> fromBase(String base) {
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(base.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host == null) {
            return Optional.empty();
        }
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        if (labels.length == 2 || (labels.length == 3 && labels[0].equals("www"))) {
            // www.wikidata.org, wikisource.org (multilingual), www.mediawiki.org
            String project = labels[labels.length - 2];
            return Optional.of(project + "wiki");
        }
        if (labels.length < 3) {
            return Optional.empty();
        }
        String language = labels[labels.length - 3].replace('-', '_');
        String project = labels[labels.length - 2];
        return Optional.of(switch (project) {
            case "wikipedia", "wikimedia" -> language + "wiki";
            default -> language + project;
        });
    }
}
