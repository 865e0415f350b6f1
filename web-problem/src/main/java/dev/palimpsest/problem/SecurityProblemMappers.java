package dev.palimpsest.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/**
 * 401 and 403 as problem details. Quarkus answers both with an empty body of its own; these mappers replace that
 * (they see the exceptions because the services authenticate lazily, {@code quarkus.http.auth.proactive=false}: a
 * token is only checked by an operation that needs a role, and its failure reaches the REST layer).
 * <ul>
 *     <li>no token on an operation that needs one, or a token that does not verify (expired, signed by another key,
 *     issued by another issuer, not a JWT): {@code 401 unauthenticated} with {@code WWW-Authenticate: Bearer}
 *     (RFC 6750, {@code error="invalid_token"} when a token was sent);</li>
 *     <li>a valid token without the operation's role: {@code 403 forbidden}.</li>
 * </ul>
 * The detail says which of these it was, never the verifier's own words (they quote the token's claims).
 */
public class SecurityProblemMappers {

    /** The protection space named in every challenge (RFC 9110, section 11.6.1). */
    public static final String REALM = "palimpsest";

    private static final Logger LOG = Logger.getLogger(SecurityProblemMappers.class);

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return challenge(Problem.of(HttpProblem.UNAUTHENTICATED, "this operation needs a bearer token: send"
                + " 'Authorization: Bearer <token>'", uri.getPath()), "Bearer realm=\"" + REALM + "\"");
    }

    @ServerExceptionMapper
    public Response refusedToken(AuthenticationFailedException e, UriInfo uri) {
        String reason = reason(e);
        LOG.debugf("refused a bearer token on %s: %s", uri.getPath(), reason);
        return challenge(Problem.of(HttpProblem.UNAUTHENTICATED, reason, uri.getPath()),
                "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemMappers.respond(Problem.of(HttpProblem.FORBIDDEN, "the token's roles do not allow this"
                + " operation", uri.getPath()));
    }

    private static Response challenge(Problem problem, String challenge) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).entity(problem).build();
    }

    /**
     * Why a token was refused, from the messages of the failure and its causes (the JWT verifier, jose4j, names the
     * failed check there). A client can act on "expired" or "wrong issuer"; the rest is one case for it.
     */
    static String reason(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null) {
                messages.append(cause.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        String text = messages.toString();
        if (text.contains("expiration time") || text.contains("expired")) {
            return "the bearer token has expired: get a new one";
        }
        if (text.contains("issuer (iss)")) {
            return "the bearer token was issued by an issuer this service does not trust";
        }
        if (text.contains("signature")) {
            return "the bearer token's signature does not verify with this service's key";
        }
        return "the bearer token is not a JWT this service accepts (malformed, unsigned or missing claims)";
    }
}
