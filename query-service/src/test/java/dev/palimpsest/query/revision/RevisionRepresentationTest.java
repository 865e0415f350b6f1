package dev.palimpsest.query.revision;

import dev.palimpsest.problem.HttpProblem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revert.Revert;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.palimpsest.query.revision.RevisionRepresentation.Form.JSON;
import static dev.palimpsest.query.revision.RevisionRepresentation.Form.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RevisionRepresentationTest {

    private static final MediaType ANY = new MediaType("*", "*");
    private static final MediaType TEXT_PLAIN = new MediaType("text", "plain");
    private static final MediaType JSON_TYPE = new MediaType("application", "json");

    @Test
    void jsonIsTheDefault() {
        assertEquals(JSON, RevisionRepresentation.choose(List.of(ANY)));
        assertEquals(JSON, RevisionRepresentation.choose(List.of(JSON_TYPE)));
        assertEquals(JSON, RevisionRepresentation.choose(List.of(new MediaType("application", "*"))));
    }

    @Test
    void plainTextWhenPreferred() {
        assertEquals(TEXT, RevisionRepresentation.choose(List.of(TEXT_PLAIN)));
        assertEquals(TEXT, RevisionRepresentation.choose(List.of(new MediaType("text", "plain", "UTF-8"), ANY)));
        assertEquals(TEXT, RevisionRepresentation.choose(List.of(new MediaType("text", "*"))));
        assertEquals(JSON, RevisionRepresentation.choose(List.of(JSON_TYPE, TEXT_PLAIN)));
    }

    @Test
    void zeroQualityMeansNo() {
        MediaType notJson = new MediaType("application", "json", Map.of("q", "0"));
        assertEquals(TEXT, RevisionRepresentation.choose(List.of(notJson, TEXT_PLAIN)));
    }

    @Test
    void neitherFormIsNotAcceptable() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> RevisionRepresentation.choose(List.of(new MediaType("image", "png"))));
        assertEquals(HttpProblem.NOT_ACCEPTABLE, e.kind());
    }

    private static Revision revision(int revSeq, String sha1) {
        Revision revision = new Revision();
        revision.revSeq = revSeq;
        revision.revSha1 = sha1;
        return revision;
    }

    @Test
    void theJsonTagNamesTheRevertTheTextTagDoesNot() {
        Revision revision = revision(5, "abc");
        Revert restoresTwo = new Revert(2, List.of(3, 4));
        Revert afterABackfill = new Revert(2, List.of(3, 6, 4));
        assertEquals("\"abc-5-json\"", RevisionRepresentation.entityTag(revision, null, JSON).toString());
        assertEquals("\"abc-5-r2x2-json\"", RevisionRepresentation.entityTag(revision, restoresTwo, JSON).toString());
        assertNotEquals(RevisionRepresentation.entityTag(revision, restoresTwo, JSON),
                RevisionRepresentation.entityTag(revision, afterABackfill, JSON));
        assertNotEquals(RevisionRepresentation.entityTag(revision, restoresTwo, JSON),
                RevisionRepresentation.entityTag(revision, new Revert(1, List.of(2, 3)), JSON));
        assertEquals("\"abc-5\"", RevisionRepresentation.entityTag(revision, null, TEXT).toString());
    }

    @Test
    void onlyTheTextIsCachedForever() {
        assertTrue(RevisionRepresentation.cacheControl(TEXT).toString().contains("immutable"));
        assertTrue(RevisionRepresentation.cacheControl(JSON).isNoCache());
    }
}
