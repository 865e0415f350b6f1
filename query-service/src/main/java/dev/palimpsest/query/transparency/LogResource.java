package dev.palimpsest.query.transparency;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.tlog.Tile;
import dev.palimpsest.tlog.TiledTree;
import dev.palimpsest.tlog.TreeHashing;
import dev.palimpsest.tlog.TreeProofs;
import dev.palimpsest.tlog.store.LogTables;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive's transparency logs as the read model's copy holds them (ADR 0040): the logs and their latest
 * checkpoints, each log's checkpoint and the one covering them all at stable URLs, consistency proofs between two sizes, and the tiles of C2SP
 * {@code tlog-tiles}, from which a mirror copies a log and computes any proof itself.
 */
@Path("/log")
public class LogResource {

    /** A tile's index as C2SP writes it ({@code x001/x234/067}), with {@code .p/<width>} for a partial tile. */
    // at most 18 digits (a long holds them), no leading group of zeros, a width without leading zeros
    private static final Pattern TILE_INDEX = Pattern.compile(
            "((?:x(?!000/)\\d{3}/(?:x\\d{3}/){0,4})?)(\\d{3})(?:\\.p/([1-9]\\d{0,2}))?");
    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private final DataSource dataSource;
    private final CheckpointStore checkpoints;

    public LogResource(DataSource dataSource, CheckpointStore checkpoints) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listLogs", summary = "List the archive's transparency logs",
            description = "One log per partition of the submitted topic (ADR 0040), each with how many leaves the"
                    + " read model's copy holds and the latest signed checkpoint it can prove against.")
    @APIResponse(responseCode = "200", description = "The logs, by id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = LogSummary.class)))
    public List<LogSummary> listLogs() {
        try (Connection connection = dataSource.getConnection()) {
            List<LogSummary> logs = new ArrayList<>();
            for (LogTables.Head head : LogTables.heads(connection)) {
                var checkpoint = checkpoints.latestProvable(connection, head, tree(connection, head));
                logs.add(new LogSummary(head.logId(), head.origin(), head.size(),
                        checkpoint.map(CheckpointStore.Stored::note).orElse(null),
                        checkpoint.map(CheckpointStore.Stored::size).orElse(null)));
            }
            return logs;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transparency logs", e);
        }
    }

    @GET
    @Path("/checkpoint")
    @Produces({"text/plain; charset=UTF-8", Problem.MEDIA_TYPE})
    @Operation(operationId = "getCoveringCheckpoint", summary = "Get the latest checkpoint covering every log",
            description = "One signed note over every transparency log of the archive (ADR 0040): origin (the log"
                    + " family's name), the number of logs, the RFC 9162 root of the tree whose leaves are the log"
                    + " lines, then one line per log, `<origin> <size> <base64 root>`, and the Ed25519 signature line."
                    + " Served once the read model's copy of every log it names agrees with it. A verifier keeps it"
                    + " and checks that each log in a newer one only grew (`palimpsest verify`): it is not the"
                    + " checkpoint of an append-only tree of its own, so compare covers log by log.")
    @APIResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = "text/plain; charset=UTF-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No covering checkpoint the read model can prove against yet"
            + " (`log-not-found`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getCoveringCheckpoint() {
        try (Connection connection = dataSource.getConnection()) {
            return checkpoints.latestProvableCover(connection, head -> tree(connection, head))
                    .map(note -> Response.ok(note).cacheControl(REVALIDATE).build())
                    .orElseThrow(() -> new ProblemException(QueryProblem.LOG_NOT_FOUND,
                            "no checkpoint covering every log that the read model can prove against yet"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the covering checkpoints", e);
        }
    }

    @GET
    @Path("/{log}/checkpoint")
    @Produces({"text/plain; charset=UTF-8", Problem.MEDIA_TYPE})
    @Operation(operationId = "getCheckpoint", summary = "Get a transparency log's latest checkpoint",
            description = "The latest checkpoint the archive signed for this log (C2SP tlog-checkpoint in a C2SP"
                    + " signed note: origin, tree size, base64 root hash, then the Ed25519 signature line) that the"
                    + " read model's copy of the log agrees with. Verify its signature with the log's verifier key"
                    + " (`palimpsest verify`).")
    @APIResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = "text/plain; charset=UTF-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such log, or no checkpoint of it yet (`log-not-found`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getCheckpoint(@Parameter(description = "The log's id", example = "0") @PathParam("log")
                                  String log) {
        short logId = logId(log);
        try (Connection connection = dataSource.getConnection()) {
            LogTables.Head head = head(connection, logId);
            return checkpoints.latestProvable(connection, head, tree(connection, head))
                    .map(checkpoint -> Response.ok(checkpoint.note()).cacheControl(REVALIDATE).build())
                    .orElseThrow(() -> new ProblemException(QueryProblem.LOG_NOT_FOUND,
                            "log " + logId + " has no checkpoint the read model can prove against yet"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read log " + logId, e);
        }
    }

    @GET
    @Path("/{log}/consistency")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getConsistencyProof", summary = "Prove that a log only grew between two sizes",
            description = "The RFC 9162 §2.1.4 proof that the log's tree of `from` leaves is the beginning of its"
                    + " tree of `to` leaves; `to` defaults to the size of the latest checkpoint. A verifier that saw"
                    + " a checkpoint of size `from` checks a newer one with it, and so learns that nothing before"
                    + " was rewritten.")
    @APIResponse(responseCode = "200", description = "The proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsistencyProof.class)))
    @APIResponse(responseCode = "400", description = "`from` or `to` is not a size of the log the read model holds,"
            + " or `from` is larger than `to` (`invalid-parameter`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such log (`log-not-found`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConsistencyProof getConsistencyProof(
            @Parameter(description = "The log's id", example = "0") @PathParam("log") String log,
            @Parameter(description = "The smaller tree size (at least 1)", required = true, example = "100",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
            @QueryParam("from") String from,
            @Parameter(description = "The larger tree size (default: the latest checkpoint's)", example = "200",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
            @QueryParam("to") String to) {
        short logId = logId(log);
        try (Connection connection = dataSource.getConnection()) {
            LogTables.Head head = head(connection, logId);
            TiledTree tree = tree(connection, head);
            long held = head.size();
            long first = size("from", from);
            long second = to == null ? checkpoints.latestProvable(connection, head, tree)
                    .map(CheckpointStore.Stored::size).orElse(held) : size("to", to);
            if (first > second || second > held) {
                throw new ProblemException(QueryProblem.INVALID_PARAMETER, "no consistency proof from " + first
                        + " to " + second + " leaves: the read model holds " + held + " leaves of log " + logId);
            }
            List<byte[]> proof = TreeProofs.consistencyProof(tree, first, second);
            return new ConsistencyProof(logId, first, second, base64(proof));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read log " + logId, e);
        }
    }

    @GET
    @Path("/{log}/tile/{level}/{index: .+}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(operationId = "getTile", summary = "Get a tile of a transparency log (C2SP tlog-tiles)",
            description = "The hashes of one tile, concatenated (32 bytes each): tile `index` of tile level `level`"
                    + " holds the hashes [256·index, 256·index + width) of the tree's complete subtrees of 2^(8·level)"
                    + " leaves. The index is written in groups of three digits, all but the last prefixed `x`"
                    + " (`x001/x234/067`); a partial tile adds `.p/<width>`. Immutable: a tile of a given width never"
                    + " changes.")
    @APIResponse(responseCode = "200", description = "The tile's hashes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Not a tile path (`invalid-parameter`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such log (`log-not-found`) or the tile is not that wide"
            + " yet (`tile-not-found`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getTile(
            @Parameter(description = "The log's id", example = "0") @PathParam("log") String log,
            @Parameter(description = "The tile level, 0 to 5", example = "0") @PathParam("level") String level,
            @Parameter(description = "The tile index path, e.g. `000`, `x001/x234/067` or `005.p/17`",
                    example = "000") @PathParam("index") String index) {
        short logId = logId(log);
        int tileLevel = tileLevel(level);
        Matcher path = TILE_INDEX.matcher(index);
        if (!path.matches()) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "'" + index + "' is not a tile index path"
                    + " (e.g. 000, x001/x234/067, 005.p/17)");
        }
        long tileIndex = Long.parseLong(path.group(1).replace("x", "").replace("/", "") + path.group(2));
        int width = path.group(3) == null ? Tile.WIDTH : Integer.parseInt(path.group(3));
        if (width >= Tile.WIDTH && path.group(3) != null) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "a partial tile is 1 to 255 hashes wide, not "
                    + width);
        }
        try (Connection connection = dataSource.getConnection()) {
            LogTables.Head head = head(connection, logId);
            byte[] hashes = LogTables.tile(connection, logId, tileLevel, tileIndex);
            if (hashes == null || hashes.length < width * TreeHashing.HASH_SIZE) {
                throw new ProblemException(QueryProblem.TILE_NOT_FOUND, "log " + logId + " has no tile "
                        + Tile.path(tileLevel, tileIndex, width) + " yet");
            }
            // immutable once a signed checkpoint the copy agrees with covers every leaf under it; before, a copy
            // that disagrees with the archive may still be rebuilt, and its tiles must not outlive that in caches
            long leavesUnder = (tileIndex * Tile.WIDTH + width) << (Tile.HEIGHT * tileLevel);
            boolean proven = checkpoints.latestProvable(connection, head, tree(connection, head))
                    .map(checkpoint -> checkpoint.size() >= leavesUnder).orElse(false);
            return Response.ok(Arrays.copyOf(hashes, width * TreeHashing.HASH_SIZE))
                    .cacheControl(proven ? IMMUTABLE : REVALIDATE).build();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read log " + logId, e);
        }
    }

    static short logId(String raw) {
        try {
            int id = Integer.parseInt(raw);
            if (id >= 0 && id <= Short.MAX_VALUE) {
                return (short) id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER, "a log id is a whole number from 0 to "
                + Short.MAX_VALUE + ", not '" + raw + "'");
    }

    private static int tileLevel(String raw) {
        if (raw != null && raw.matches("[0-5]")) {
            return Integer.parseInt(raw);
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER, "a tile level is 0 to 5, not '" + raw + "'");
    }

    private static long size(String name, String raw) {
        if (raw == null) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, name + " is required");
        }
        try {
            long size = Long.parseLong(raw);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER, name + " is a tree size, a whole number from 1,"
                + " not '" + raw + "'");
    }

    /** The read model's head of log {@code logId}, or 404 when it holds none of it. */
    static LogTables.Head head(Connection connection, short logId) throws SQLException {
        Optional<LogTables.Head> head = LogTables.head(connection, logId);
        if (head.isEmpty()) {
            throw new ProblemException(QueryProblem.LOG_NOT_FOUND, "the read model holds no transparency log "
                    + logId + "; its logs are " + LogTables.heads(connection).stream().map(LogTables.Head::logId)
                    .toList());
        }
        return head.get();
    }

    /** The read model's copy of a log, read from its tiles: one per request, so each tile is read once. */
    static TiledTree tree(Connection connection, LogTables.Head head) {
        return new TiledTree(LogTables.tiles(connection, head.logId()));
    }

    static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
