package dev.palimpsest.archive.integrity;

import dev.palimpsest.tlog.leaves.CanonicalFields;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical bytes of a {@link ChainedRecord}, version 1: what its record hash is computed over. Documented in
 * ADR 0010 precisely enough to be reimplemented from it (the unit tests do, by hand).
 *
 * <p>The encoding is a fixed sequence of fields ({@link CanonicalFields}, shared with the transparency log's
 * leaves). Each field is either absent, one byte {@code 0x00}, or present, one
 * byte {@code 0x01}, its length in bytes as a 4-byte big-endian unsigned integer, then that many bytes of UTF-8.
 * Length prefixes make it unambiguous (no separator can be forged inside a value) and {@code 0x00} keeps "no
 * comment" apart from an empty one. Values are written as text: integers in decimal ({@code -1}, {@code 42}),
 * booleans {@code true}/{@code false}, instants in UTC with exactly six fractional digits
 * ({@code 2020-01-01T00:00:00.000000Z}, PostgreSQL keeps microseconds), UUIDs and hashes in lowercase.
 *
 * <p>Fields in order: the tag {@code palimpsest:record:v1}; article key; rev_seq; previous record hash; submission
 * id; idempotency key; page title; edit timestamp; source revision id; source parent id; performer id; performer
 * text; comment; text hidden; comment hidden; performer hidden; main text sha1; main text length; main text
 * SHA-256; archived at; the eight MediaWiki source fields (database, page id, namespace, minor edit, content model,
 * content format, sha1 base36, import id); the number of other slots; then per slot, in ascending order of the
 * UTF-8 bytes of its role: role, model, format, sha1, SHA-256, length, text hidden.
 */
public final class RecordEncoding {

    public static final String TAG = "palimpsest:record:v1";

    private static final Comparator<byte[]> UNSIGNED_BYTES = Arrays::compareUnsigned;

    private RecordEncoding() {
    }

    public static byte[] encode(ChainedRecord record) {
        CanonicalFields encoding = new CanonicalFields();
        encoding.text(TAG)
                .text(record.articleKey())
                .number((long) record.revSeq())
                .text(record.prevRecordHash())
                .uuid(record.submissionId())
                .text(record.idempotencyKey())
                .text(record.pageTitle())
                .instant(record.revTimestamp())
                .number(record.revId())
                .number(record.revParentId())
                .number(record.performerId())
                .text(record.performerText())
                .text(record.comment())
                .bool(record.textHidden())
                .bool(record.commentHidden())
                .bool(record.performerHidden())
                .text(record.revSha1())
                .number(record.revLen())
                .text(record.textSha256())
                .instant(record.archivedAt());
        ChainedRecord.Source source = record.source();
        encoding.text(source.database())
                .number(source.pageId())
                .number(source.pageNamespace() == null ? null : source.pageNamespace().longValue())
                .bool(source.minorEdit())
                .text(source.contentModel())
                .text(source.contentFormat())
                .text(source.sha1Base36())
                .text(source.importId());
        List<ChainedRecord.Slot> slots = record.slots().stream()
                .sorted(Comparator.comparing(slot -> slot.role().getBytes(StandardCharsets.UTF_8), UNSIGNED_BYTES))
                .toList();
        encoding.number((long) slots.size());
        for (ChainedRecord.Slot slot : slots) {
            encoding.text(slot.role())
                    .text(slot.model())
                    .text(slot.format())
                    .text(slot.sha1())
                    .text(slot.sha256())
                    .number(slot.len())
                    .bool(slot.textHidden());
        }
        return encoding.toByteArray();
    }
}
