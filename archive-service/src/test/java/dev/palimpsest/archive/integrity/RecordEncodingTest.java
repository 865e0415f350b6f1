package dev.palimpsest.archive.integrity;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The canonical encoding against bytes built by hand from its specification (ADR 0010), not from the encoder: each
 * golden vector is written out field by field with a {@link DataOutputStream} and hashed with {@link MessageDigest}.
 */
class RecordEncodingTest {

    private static final UUID SUBMISSION = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    private static final String PREV = "ab".repeat(32);

    private static ChainedRecord plain(String comment) {
        return new ChainedRecord("enwiki:12345", 2, PREV, SUBMISSION, "rev:7", "Jasic", 
                Instant.parse("2018-08-01T12:00:00Z"), 7L, null, null, "Editor", comment, false, false, false,
                "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0L,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Instant.parse("2026-11-26T04:00:00.123456Z"), ChainedRecord.Source.NONE, List.of());
    }

    /** Builds an encoding by hand: {@code null} → 0x00; a string → 0x01, 4-byte big-endian length, UTF-8. */
    private static final class Expected {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Expected field(String value) throws IOException {
            if (value == null) {
                out.writeByte(0);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.writeByte(1);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            return this;
        }

        Expected nulls(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                field(null);
            }
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private static Expected expectedPlainUpToSource(String comment) throws IOException {
        return new Expected().field("palimpsest:record:v1").field("enwiki:12345").field("2").field(PREV)
                .field("1b4e28ba-2fa1-11d2-883f-0016d3cca427").field("rev:7").field("Jasic")
                .field("2018-08-01T12:00:00.000000Z").field("7").field(null).field(null).field("Editor")
                .field(comment).field("false").field("false").field("false")
                .field("da39a3ee5e6b4b0d3255bfef95601890afd80709").field("0")
                .field("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .field("2026-11-26T04:00:00.123456Z");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aPlainRecordIsEncodedFieldByFieldAsSpecified() throws Exception {
        byte[] expected = expectedPlainUpToSource("fix typo").nulls(8).field("0").toByteArray();
        assertArrayEquals(expected, RecordEncoding.encode(plain("fix typo")));
        assertEquals(sha256(expected), HashChain.recordHash(plain("fix typo")));
    }

    @Test
    void sourceAndSlotsFollowInRoleOrderWhateverOrderTheyCome() throws Exception {
        ChainedRecord.Source source = new ChainedRecord.Source("testwiki", 7L, -2, true, "wikitext", "text/x-wiki",
                "phoiac9h4m842xq45sp7s6u21eteeq1", "import-1");
        ChainedRecord.Slot mediainfo = new ChainedRecord.Slot("mediainfo", "wikibase-mediainfo", "application/json",
                "0".repeat(40), "1".repeat(64), 12, false);
        ChainedRecord.Slot hidden = new ChainedRecord.Slot("extra", null, null, null, null, -1, true);
        // "Zeta" sorts before "extra" by UTF-8 bytes ('Z' = 0x5a < 'e' = 0x65), and "é…" after both
        ChainedRecord.Slot upper = new ChainedRecord.Slot("Zeta", null, null, "2".repeat(40), "3".repeat(64), 0,
                false);
        ChainedRecord.Slot accented = new ChainedRecord.Slot("équipe", null, null, "4".repeat(40), "5".repeat(64), 3,
                false);
        ChainedRecord base = plain(null);
        ChainedRecord record = new ChainedRecord(base.articleKey(), base.revSeq(), base.prevRecordHash(),
                base.submissionId(), base.idempotencyKey(), base.pageTitle(), base.revTimestamp(), base.revId(),
                base.revParentId(), base.performerId(), base.performerText(), base.comment(), base.textHidden(),
                base.commentHidden(), base.performerHidden(), base.revSha1(), base.revLen(), base.textSha256(),
                base.archivedAt(), source, List.of(accented, mediainfo, hidden, upper));

        byte[] expected = expectedPlainUpToSource(null)
                .field("testwiki").field("7").field("-2").field("true").field("wikitext").field("text/x-wiki")
                .field("phoiac9h4m842xq45sp7s6u21eteeq1").field("import-1")
                .field("4")
                .field("Zeta").field(null).field(null).field("2".repeat(40)).field("3".repeat(64)).field("0")
                .field("false")
                .field("extra").nulls(4).field("-1").field("true")
                .field("mediainfo").field("wikibase-mediainfo").field("application/json").field("0".repeat(40))
                .field("1".repeat(64)).field("12").field("false")
                .field("équipe").field(null).field(null).field("4".repeat(40)).field("5".repeat(64)).field("3")
                .field("false")
                .toByteArray();
        assertArrayEquals(expected, RecordEncoding.encode(record));
        assertEquals(sha256(expected), HashChain.recordHash(record));
    }

    @Test
    void noCommentAndAnEmptyCommentHashDifferently() {
        assertNotEquals(HashChain.recordHash(plain(null)), HashChain.recordHash(plain("")));
    }

    @Test
    void lengthPrefixesKeepFieldBoundariesFromBeingMoved() {
        // title "Jasic" + comment "x" against a title and comment that concatenate to the same characters
        ChainedRecord moved = new ChainedRecord("enwiki:12345", 2, PREV, SUBMISSION, "rev:7", "Jasicx",
                Instant.parse("2018-08-01T12:00:00Z"), 7L, null, null, "Editor", "", false, false, false,
                "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0L,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Instant.parse("2026-11-26T04:00:00.123456Z"), ChainedRecord.Source.NONE, List.of());
        assertNotEquals(HashChain.recordHash(plain("x")), HashChain.recordHash(moved));
    }

    @Test
    void everyLinkChangesTheHash() {
        assertNotEquals(HashChain.recordHash(plain("c")), HashChain.recordHash(plain("c").linkedTo(HashChain.GENESIS)));
    }

    @Test
    void anInstantFinerThanTheDatabaseKeepsIsRefusedRatherThanHashedAsSomethingElse() {
        ChainedRecord base = plain("c");
        ChainedRecord nanos = new ChainedRecord(base.articleKey(), base.revSeq(), base.prevRecordHash(),
                base.submissionId(), base.idempotencyKey(), base.pageTitle(), Instant.parse("2018-08-01T12:00:00.0000001Z"),
                base.revId(), base.revParentId(), base.performerId(), base.performerText(), base.comment(),
                base.textHidden(), base.commentHidden(), base.performerHidden(), base.revSha1(), base.revLen(),
                base.textSha256(), base.archivedAt(), base.source(), base.slots());
        assertThrows(IllegalArgumentException.class, () -> RecordEncoding.encode(nanos));
    }

    @Test
    void contentHashIsTheSha256OfTheUtf8Bytes() throws Exception {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HashChain.contentHash(""));
        String text = "佳士工人声援团\n";
        assertEquals(sha256(text.getBytes(StandardCharsets.UTF_8)), HashChain.contentHash(text));
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertEquals("0000000000000000000000000000000000000000000000000000000000000000", HashChain.GENESIS);
    }
}
