package dev.palimpsest.query.web;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.provenance.AuthorShare;
import dev.palimpsest.query.provenance.Provenances;
import dev.palimpsest.query.provenance.TokenOrigin;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionReads;
import dev.palimpsest.query.revision.Author;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /wiki/{key}/who} (and {@code /wiki/{key}/revisions/{n}/who}): who wrote this, the text coloured by
 * author with a legend of the main authors (ADR 0044). Colours are classes of the one stylesheet (the pages' policy
 * allows no inline style); the main authors get one each, the others share a neutral one; every piece is titled with
 * its author, revision and time, so the colours are never the only way to tell.
 */
@Path("/wiki/{key}")
public class WhoPage {

    /** The main authors coloured apart; the stylesheet has a class for each, {@code author-0} to {@code author-11}. */
    static final int COLOURED_AUTHORS = 12;

    private final Provenances provenances;

    public WhoPage(Provenances provenances) {
        this.provenances = provenances;
    }

    @GET
    @Path("/who")
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response now(@PathParam("key") String articleKey, @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> {
            Article article = RevisionParameters.article(articleKey, null);
            return page(article, RevisionReads.instance().numbered(articleKey, article.latestRevSeq).orElseThrow());
        });
    }

    @GET
    @Path("/revisions/{n}/who")
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response revision(@PathParam("key") String articleKey, @PathParam("n") String revSeq,
                             @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> page(RevisionParameters.article(articleKey, null),
                RevisionParameters.existing(articleKey, revSeq)));
    }

    private Response page(Article article, Revision revision) {
        Provenances.Blame blame = provenances.of(revision);
        Map<Author, String> colourOf = new HashMap<>();
        List<WhoView.Author> legend = new ArrayList<>();
        for (AuthorShare share : blame.authors()) {
            String name = name(share.author(), share.authorHidden());
            String colour = legend.size() < COLOURED_AUTHORS ? "author-" + legend.size() : "author-other";
            colourOf.put(who(share.author(), share.authorHidden()), colour);
            if (legend.size() < COLOURED_AUTHORS) {
                legend.add(new WhoView.Author(name, colour, String.format(Locale.ROOT, "%.1f %%",
                        100 * share.share()), share.tokens(), share.revisions()));
            }
        }
        List<WhoView.Piece> pieces = new ArrayList<>();
        for (Provenances.Piece piece : blame.pieces()) {
            TokenOrigin origin = blame.origins().get(piece.origin());
            if (origin == null) {
                pieces.add(new WhoView.Piece(piece.text(), "author-none", ""));
                continue;
            }
            String name = name(origin.author(), origin.authorHidden());
            pieces.add(new WhoView.Piece(piece.text(), colourOf.getOrDefault(who(origin.author(),
                    origin.authorHidden()), "author-other"),
                    name + ", revision " + origin.revSeq() + ", " + Display.time(origin.revTimestamp())));
        }
        String path = Display.articlePath(article.articleKey);
        RevisionCard card = RevisionCard.of(revision);
        boolean latest = revision.revSeq == article.latestRevSeq;
        return Pages.html(Templates.who(new WhoView(card, latest, latest ? path : path + "/revisions/"
                + revision.revSeq, path + "/history", blame.tokenCount(), pieces, legend,
                Math.max(0, blame.authors().size() - legend.size()))).render());
    }

    /** Who an author is, as the shares tell them apart: by name and id, or hidden, or none given. */
    private static Author who(Author author, boolean hidden) {
        return hidden ? HIDDEN : author == null ? NONE : author;
    }

    private static final Author HIDDEN = new Author("\u0000hidden", null);
    private static final Author NONE = new Author("\u0000none", null);

    private static String name(Author author, boolean hidden) {
        if (hidden) {
            return "(author hidden at the source)";
        }
        return author == null || author.userText() == null ? "(no author given)" : author.userText();
    }
}
