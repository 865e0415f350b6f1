package dev.palimpsest.cli;

import dev.palimpsest.cli.verify.CoveringCheck;
import dev.palimpsest.cli.verify.LogConsistency;
import dev.palimpsest.cli.verify.RevisionCheck;
import dev.palimpsest.cli.verify.SeenCheckpoints;
import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.HistoryResourceApi;
import dev.palimpsest.client.query.model.ConsistencyProof;
import dev.palimpsest.client.query.model.HistoryPage;
import dev.palimpsest.client.query.model.Revision;
import dev.palimpsest.client.query.model.RevisionProof;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.NoteVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest verify KEY [N…]}: proves revisions of an article with the archive's transparency log, trusting
 * nothing the server says without a proof (ADR 0040): each checkpoint's signature with the log's verifier key; each
 * newer checkpoint against the last one accepted (kept under {@code ~/.config/palimpsest/log-checkpoints/}) by a
 * consistency proof, refusing a fork or a rewritten past; the checkpoint covering every log (ADR 0040 decision 2) the
 * same way, and each log's checkpoint against it; each revision's text against its leaf's commitment and its leaf
 * against the checkpoint by an inclusion proof.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Prove revisions of an article with the archive's transparency log: each revision's text and"
                + " fields against a checkpoint signed by the log's key, each checkpoint consistent with the last"
                + " one this verifier accepted.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KEY", description = "The article, e.g. jasic-workers-solidarity-group")
    String articleKey;

    @Parameters(index = "1..*", paramLabel = "N", description = "Revision numbers (default: every revision)")
    List<Integer> revisions = new ArrayList<>();

    @Option(names = "--key", paramLabel = "VKEY", description = "The log's verifier key, <name>+<hash>+<base64>"
            + " (default: --key-file, else env PALIMPSEST_LOG_KEY, else the file log-verifier-key in the state"
            + " directory)")
    String key;

    @Option(names = "--key-file", paramLabel = "FILE", description = "A file holding the log's verifier key")
    Path keyFile;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.config/palimpsest",
            description = "Where the last checkpoint accepted of each log is kept (default: ${DEFAULT-VALUE})")
    Path stateDirectory;

    @Mixin
    ServiceUrls urls;

    Terminal terminal = new Terminal();

    /** Checkpoints accepted in this run, by their note: each is checked once. */
    private final Map<String, Checkpoint> accepted = new HashMap<>();

    @Override
    public Integer call() {
        Optional<String> verifierKey = verifierKey();
        if (verifierKey.isEmpty()) {
            terminal.err.println("palimpsest verify: no verifier key: give --key or --key-file, or set"
                    + " PALIMPSEST_LOG_KEY (locally: --key-file .palimpsest-data/keys/log-verifier-key)");
            return 2;
        }
        NoteVerifier verifier;
        try {
            verifier = NoteVerifier.of(verifierKey.get());
        } catch (IllegalArgumentException e) {
            terminal.err.println("palimpsest verify: '" + verifierKey.get() + "' is not a verifier key: "
                    + e.getMessage());
            return 2;
        }
        QueryClient query = new QueryClient(urls.queryUrl);
        SeenCheckpoints seen = new SeenCheckpoints(stateDirectory, verifier);
        LogConsistency consistency = new LogConsistency(consistencyProofs(query));
        CoveringCheck covers = new CoveringCheck(verifier, seen, consistency);
        Optional<CoveringCheckpoint> cover;
        try {
            cover = acceptCover(query, covers);
        } catch (InvalidProofException e) {
            terminal.err.println("palimpsest verify: REFUSED: " + e.getMessage());
            terminal.out.flush();
            return 1;
        }
        List<Integer> revSeqs;
        try {
            revSeqs = revisions.isEmpty() ? everyRevision(query) : revisions;
        } catch (ApiException e) {
            return Failures.report(terminal.err, "verify", urls.queryUrl, e);
        }
        int failed = 0;
        if (revisions.isEmpty()) {
            // an article's revisions are numbered 1, 2, 3… without gaps: a number the history skips was dropped
            for (int missing : missing(revSeqs)) {
                failed++;
                terminal.out.println("revision " + missing + "  MISSING  the history skips it (revisions are"
                        + " numbered without gaps, " + (missing - 1 > 0 ? "revision " + (missing - 1) : "none")
                        + " is before it)");
            }
        }
        Checkpoint last = null;
        for (int revSeq : revSeqs) {
            RevisionProof proof;
            try {
                proof = query.revisionProofs().getRevisionProof(articleKey, revSeq);
            } catch (ApiException e) {
                failed++;
                Failures.report(terminal.err, "verify", urls.queryUrl, e);
                terminal.out.println("revision " + revSeq + "  NOT PROVEN");
                continue;
            }
            Checkpoint checkpoint;
            try {
                checkpoint = accept(proof, verifier, seen, consistency, covers, cover);
            } catch (InvalidProofException e) {
                // the log itself is not to be trusted: nothing after this can be proven against it
                terminal.err.println("palimpsest verify: REFUSED: " + e.getMessage());
                terminal.out.flush();
                return 1;
            }
            last = checkpoint;
            String where = "leaf " + proof.getIndex() + " of " + checkpoint.origin() + ", tree of "
                    + checkpoint.size();
            try {
                // the revision as everyone reads it: its fields and its text, checked against the proven leaf
                Revision served = query.revisions().getRevision(articleKey, revSeq, null);
                RevisionCheck.sameAsServed(proof, served);
                byte[] text = served.getText() == null ? null : served.getText().getBytes(StandardCharsets.UTF_8);
                RevisionCheck.verify(articleKey, revSeq, proof, text, checkpoint);
                terminal.out.println("revision " + revSeq + "  ok  " + where + (text != null ? ""
                        : Boolean.TRUE.equals(proof.getLeaf().getTextHidden()) ? "; its text was hidden at the source"
                        : proof.getErasedBy() != null ? "; its text was erased by redaction " + proof.getErasedBy()
                        + " (the service says): the leaf verifies with the text's commitment, which nothing left"
                        + " can open"
                        : "; its text is not served" + (served.getRedacted() == null ? "" : " (redacted, the"
                        + " service says)") + ": the leaf verifies with the text's commitment"));
            } catch (InvalidProofException e) {
                failed++;
                terminal.out.println("revision " + revSeq + "  FAILED  " + e.getMessage());
            } catch (ApiException e) {
                failed++;
                Failures.report(terminal.err, "verify", urls.queryUrl, e);
                terminal.out.println("revision " + revSeq + "  NOT PROVEN  the revision could not be read");
            } catch (RuntimeException e) {
                // a malformed answer (a missing field, bad base64): nothing it says is proven
                failed++;
                terminal.out.println("revision " + revSeq + "  FAILED  the service's answer is malformed: " + e);
            }
        }
        int checked = revSeqs.size() + missing(revisions.isEmpty() ? revSeqs : List.of()).size();
        terminal.out.println(failed == 0
                ? "verified " + checked + " revision(s) of " + articleKey
                + (last == null ? "" : " against " + last.origin() + " at tree size " + last.size())
                : failed + " of " + checked + " revision(s) of " + articleKey + " FAILED verification");
        terminal.out.flush();
        return failed == 0 ? 0 : 1;
    }

    /**
     * The proof's checkpoint, once its signature is checked and it is proven consistent with the last checkpoint of
     * its log this verifier accepted (the first one of a log is trusted on first use, and kept), and with the
     * checkpoint covering every log accepted in this run, if any.
     */
    private Checkpoint accept(RevisionProof proof, NoteVerifier verifier, SeenCheckpoints seen,
                              LogConsistency consistency, CoveringCheck covers,
                              Optional<CoveringCheckpoint> cover) throws InvalidProofException {
        String note = proof.getCheckpoint();
        Checkpoint known = accepted.get(note);
        if (known != null) {
            return known;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(verifier.open(note));
        } catch (InvalidProofException e) {
            throw new InvalidProofException("the checkpoint served is not signed by " + verifier.name() + ": "
                    + e.getMessage());
        }
        Optional<SeenCheckpoints.Seen> before = seen.latest(checkpoint.origin());
        if (before.isEmpty()) {
            terminal.out.println("first checkpoint of " + checkpoint.origin() + " seen: tree of " + checkpoint.size()
                    + ", kept in " + seen.file(checkpoint.origin()));
        } else {
            consistency.check(before.get().checkpoint(), "this verifier accepted before, kept in "
                    + seen.file(checkpoint.origin()), checkpoint);
        }
        if (cover.isPresent()) {
            covers.check(cover.get(), checkpoint);
        }
        seen.keep(checkpoint, note);
        accepted.put(note, checkpoint);
        return checkpoint;
    }

    /**
     * The checkpoint covering every log, accepted (signed, and consistent with everything this verifier kept), or
     * none when the server serves none yet; each log is then proven on its own.
     */
    private Optional<CoveringCheckpoint> acceptCover(QueryClient query, CoveringCheck covers)
            throws InvalidProofException {
        String note;
        try {
            note = query.logs().getCoveringCheckpoint();
        } catch (ApiException e) {
            terminal.out.println("no checkpoint covering every log is served" + (e.getCode() == 404 ? " yet"
                    : " (" + e.getCode() + ")") + ": each log is proven on its own");
            return Optional.empty();
        }
        CoveringCheck.Accepted accepted = covers.accept(note);
        CoveringCheckpoint cover = accepted.cover();
        terminal.out.println((accepted.first() ? "first checkpoint covering every log of " + cover.origin()
                + " seen" : "checkpoint covering every log of " + cover.origin() + " consistent with those accepted"
                + " before") + ": " + cover.logs().size() + " log(s), " + cover.totalSize() + " leaves");
        return Optional.of(cover);
    }

    /** The server's consistency proofs, as the verifier asks for them. */
    private static LogConsistency.Proofs consistencyProofs(QueryClient query) {
        return (origin, smaller, larger) -> {
            try {
                ConsistencyProof proof = query.logs().getConsistencyProof(logId(origin), smaller, larger);
                return proof.getHashes().stream().map(Base64.getDecoder()::decode).toList();
            } catch (ApiException e) {
                throw new InvalidProofException("no consistency proof from " + smaller + " to " + larger
                        + " leaves of " + origin + " (" + e.getCode() + "): the checkpoint served cannot be checked"
                        + " against the one accepted before");
            }
        };
    }

    /** The log a signed origin names: {@code <log name>/<id>} (ADR 0040), not what the service says it is. */
    private static String logId(String origin) throws InvalidProofException {
        String id = origin.substring(origin.lastIndexOf('/') + 1);
        if (!id.matches("\\d{1,5}")) {
            throw new InvalidProofException("the checkpoint's origin " + origin + " names no log of this archive");
        }
        return id;
    }

    /** The numbers below the highest of {@code revSeqs} (sorted) that are not in it. */
    static List<Integer> missing(List<Integer> revSeqs) {
        List<Integer> missing = new ArrayList<>();
        int expected = 1;
        for (int revSeq : revSeqs) {
            for (; expected < revSeq; expected++) {
                missing.add(expected);
            }
            expected = revSeq + 1;
        }
        return missing;
    }

    private List<Integer> everyRevision(QueryClient query) throws ApiException {
        List<Integer> all = new ArrayList<>();
        String cursor = null;
        do {
            HistoryPage page = query.history().listRevisions(HistoryResourceApi.APIListRevisionsRequest.newBuilder()
                    .key(articleKey).cursor(cursor).limit(500).order("asc").build());
            page.getRevisions().stream().map(RevisionSummary::getRevSeq).forEach(all::add);
            cursor = page.getNext();
        } while (cursor != null);
        all.sort(null);
        return all;
    }

    private Optional<String> verifierKey() {
        if (key != null) {
            return Optional.of(key.strip());
        }
        List<Path> files = new ArrayList<>();
        if (keyFile != null) {
            files.add(keyFile);
        } else {
            String fromEnvironment = System.getenv("PALIMPSEST_LOG_KEY");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return Optional.of(fromEnvironment.strip());
            }
            files.add(stateDirectory.resolve("log-verifier-key"));
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
                } catch (IOException e) {
                    terminal.err.println("palimpsest verify: cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }
}
