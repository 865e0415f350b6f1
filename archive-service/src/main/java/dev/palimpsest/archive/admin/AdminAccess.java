package dev.palimpsest.archive.admin;

/**
 * The admin operations' security scheme in the API document: a bearer JWT with role {@code admin} in its
 * {@code groups} claim ({@link dev.palimpsest.events.Roles#ADMIN}). The archive's other reads
 * ({@code /articles/{key}/verification}) are public.
 */
final class AdminAccess {

    static final String SCHEME = "bearer";
    static final String DESCRIPTION = "A JWT signed by the issuer this service trusts (mp.jwt.verify.issuer and its"
            + " public key) whose `groups` claim includes `admin`. Locally: `./palimpsest token --role admin`.";

    private AdminAccess() {
    }
}
