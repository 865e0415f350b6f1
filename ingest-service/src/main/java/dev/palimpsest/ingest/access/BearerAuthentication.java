package dev.palimpsest.ingest.access;

/**
 * The API document's one security scheme: a bearer JWT whose {@code groups} claim carries the roles
 * ({@link dev.palimpsest.events.Roles}). Write operations name it in {@code @SecurityRequirement(name = SCHEME)};
 * the scheme itself is declared on {@link dev.palimpsest.ingest.submission.SubmissionResource} (the OpenAPI
 * scanner reads {@code @SecurityScheme} on resource classes only).
 */
public final class BearerAuthentication {

    public static final String DESCRIPTION = "A JWT signed by the issuer this service trusts (mp.jwt.verify.issuer"
            + " and its public key). Its `groups` claim carries the roles: `writer` may submit and import, `admin`"
            + " may do that too. Locally: `./palimpsest token`. Reads need no token.";

    public static final String SCHEME = "bearer";

    private BearerAuthentication() {
    }
}
