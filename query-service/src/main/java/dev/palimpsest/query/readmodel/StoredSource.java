package dev.palimpsest.query.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.events.kafka.EventJson;

/**
 * How a revision's {@link MediaWikiSource} is kept in {@code revision.source} (ADR 0033): only what the row does not
 * say already. Most of an imported revision's source repeats its row or the import's defaults (the database and
 * page id make the article key, the dump's sha1 is the text's sha1 in base 36, namespace 0, not minor, wikitext), so
 * the JSON (in the events' snake_case names) holds a field only when it differs from what is derived from the row:
 * on the Anarchism history that is the import id alone, about 50 bytes instead of about 230.
 *
 * <p>Guarantees: {@link #read} gives back exactly the source {@link #write} was given, for the same article key and
 * sha1; a field present in the JSON (null included) is read as written. Rows written before V12 held the source's
 * non-null fields only, where a missing field meant null: V12 rewrites them, reading each as it was written.
 */
public final class StoredSource {

    static final String DEFAULT_MODEL = "wikitext";
    static final String DEFAULT_FORMAT = "text/x-wiki";

    private StoredSource() {
    }

    /**
     * The JSON to store for {@code source} of the revision of {@code articleKey} whose text has {@code revSha1}
     * (null when hidden); null for no source.
     */
    public static String write(MediaWikiSource source, String articleKey, String revSha1) {
        if (source == null) {
            return null;
        }
        ObjectNode json = EventJson.MAPPER.createObjectNode();
        if (!articleKey.equals(source.database() + ":" + source.pageId())) {
            json.put("database", source.database());
            json.put("page_id", source.pageId());
        }
        if (source.pageNamespace() != 0) {
            json.put("page_namespace", source.pageNamespace());
        }
        if (source.revMinorEdit()) {
            json.put("rev_minor_edit", true);
        }
        if (!DEFAULT_MODEL.equals(source.revContentModel())) {
            json.put("rev_content_model", source.revContentModel());
        }
        if (!DEFAULT_FORMAT.equals(source.revContentFormat())) {
            json.put("rev_content_format", source.revContentFormat());
        }
        if (revSha1 == null || source.revSha1Base36() == null
                || !source.revSha1Base36().equals(Sha1Base36.fromHex(revSha1))) {
            json.put("rev_sha1_base36", source.revSha1Base36());
        }
        if (source.importId() != null) {
            json.put("import_id", source.importId());
        }
        try {
            return EventJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a source that cannot be written as JSON", e);
        }
    }

    /** The source {@code json} (as {@link #write} wrote it) keeps for the revision; null for none. */
    public static MediaWikiSource read(String json, String articleKey, String revSha1) {
        if (json == null) {
            return null;
        }
        JsonNode node;
        try {
            node = EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored source is not JSON: " + e.getOriginalMessage(), e);
        }
        String database;
        long pageId;
        if (node.has("database") || node.has("page_id")) {
            database = text(node, "database");
            pageId = node.path("page_id").asLong();
        } else {
            int colon = articleKey.lastIndexOf(':');
            database = articleKey.substring(0, colon);
            pageId = Long.parseLong(articleKey.substring(colon + 1));
        }
        return new MediaWikiSource(database, pageId, node.path("page_namespace").asInt(0),
                node.path("rev_minor_edit").asBoolean(false),
                node.has("rev_content_model") ? text(node, "rev_content_model") : DEFAULT_MODEL,
                node.has("rev_content_format") ? text(node, "rev_content_format") : DEFAULT_FORMAT,
                node.has("rev_sha1_base36") ? text(node, "rev_sha1_base36") : Sha1Base36.fromHex(revSha1.trim()),
                text(node, "import_id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
