package dev.palimpsest.query.transparency;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revision.RevisionParameters;
import dev.palimpsest.tlog.TiledTree;
import dev.palimpsest.tlog.TreeProofs;
import dev.palimpsest.query.readmodel.TextPacks;
import dev.palimpsest.tlog.leaves.LeafSalts;
import dev.palimpsest.tlog.store.LogTables;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code GET /articles/{key}/revisions/{n}/proof}: what makes a revision provable without trusting this service
 * (ADR 0040): the fields of its leaf in the archive's transparency log, the latest signed checkpoint the read
 * model's copy of the log agrees with, and the inclusion proof of the leaf in that checkpoint's tree.
 */
@Path("/articles/{key}/revisions/{n}/proof")
public class RevisionProofResource {

    private final DataSource dataSource;
    private final CheckpointStore checkpoints;
    private final TextPacks texts;

    public RevisionProofResource(DataSource dataSource, CheckpointStore checkpoints, TextPacks texts) {
        this.texts = texts;
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getRevisionProof", summary = "Prove a revision with the archive's transparency log",
            description = "The fields of the revision's leaf in the archive's transparency log (ADR 0041: its"
                    + " commitments' salts, and its text's commitment), the latest signed checkpoint of that log the"
                    + " read model agrees with, and the inclusion proof (RFC 9162) of the leaf in the checkpoint's"
                    + " tree. Recompute the leaf from these fields and the text (`GET"
                    + " /articles/{key}/revisions/{n}` as text/plain, checked against `textCommitment`), check the"
                    + " proof against the checkpoint's root and the checkpoint's signature with the log's verifier"
                    + " key: `palimpsest verify` does all of it. A revision is provable seconds after it is archived,"
                    + " once a checkpoint covers it.")
    @APIResponse(responseCode = "200", description = "The proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RevisionProof.class)))
    @APIResponse(responseCode = "400", description = "The revision number is not a positive whole number"
            + " (`invalid-parameter`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision (`revision-not-found`), or it cannot be"
            + " proven yet: archived before the log existed, or no checkpoint covers it yet (`proof-not-available`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RevisionProof getRevisionProof(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("n") String revSeq) {
        int seq = RevisionParameters.revSeq(revSeq);
        // the whole row (the reads of the as-of path leave the leaf's columns out)
        Revision revision = Revision.of(articleKey, seq).orElseThrow(() -> new ProblemException(
                QueryProblem.REVISION_NOT_FOUND, "article '" + articleKey + "' has no revision " + seq));
        if (revision.logId == null || revision.leafIndex == null || revision.leafSalts == null) {
            throw new ProblemException(QueryProblem.PROOF_NOT_AVAILABLE, "revision " + revision.revSeq + " of '"
                    + articleKey + "' was archived before the transparency log existed");
        }
        try (Connection connection = dataSource.getConnection()) {
            // no head: the copy of the log stopped before this leaf, so nothing covers it
            Optional<LogTables.Head> head = LogTables.head(connection, revision.logId);
            TiledTree tree = new TiledTree(LogTables.tiles(connection, revision.logId));
            CheckpointStore.Stored checkpoint = (head.isEmpty() ? Optional.<CheckpointStore.Stored>empty()
                    : checkpoints.latestProvable(connection, head.get(), tree))
                    .filter(latest -> latest.size() > revision.leafIndex)
                    .orElseThrow(() -> new ProblemException(QueryProblem.PROOF_NOT_AVAILABLE, "no signed checkpoint"
                            + " of log " + revision.logId + " covers leaf " + revision.leafIndex + " (revision "
                            + revision.revSeq + " of '" + articleKey + "') yet; checkpoints follow within seconds"));
            var proof = TreeProofs.inclusionProof(tree, revision.leafIndex, checkpoint.size());
            return new RevisionProof(revision.articleKey, revision.revSeq, revision.logId, revision.leafIndex,
                    leaf(revision, textSalt(revision)), checkpoint.note(), checkpoint.size(), LogResource.base64(proof),
                    revision.redactedAt, revision.erasedBy);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read log " + revision.logId, e);
        }
    }

    /**
     * The salt of the revision's text commitment: on its row when its text was stored in clear, else sealed with the
     * text in its pack (ADR 0042); none when the read model no longer holds the text (redacted, erased) or it was
     * hidden at the source.
     */
    private byte[] textSalt(Revision revision) {
        byte[] onRow = LeafSalts.of(revision.leafSalts).text();
        if (onRow != null || revision.revSha1 == null || revision.textHidden || revision.redactedAt != null) {
            return onRow;
        }
        return texts.textSalt(revision.articleKey, revision.revSha1.trim()).orElse(null);
    }

    private static RevisionProof.Leaf leaf(Revision revision, byte[] textSalt) {
        LeafSalts salts = LeafSalts.of(revision.leafSalts);
        Base64.Encoder base64 = Base64.getEncoder();
        return new RevisionProof.Leaf(revision.submissionId, revision.pageTitle, revision.revTimestamp,
                revision.revId, revision.revParentId, revision.performerUserId, revision.performerUserText,
                revision.comment, revision.textHidden, revision.commentHidden, revision.performerHidden,
                revision.archivedAt, textSalt == null ? null : base64.encodeToString(textSalt),
                base64.encodeToString(salts.comment()),
                base64.encodeToString(salts.performer()), revision.leafTextCommitment == null ? null
                : base64.encodeToString(revision.leafTextCommitment));
    }
}
