package dev.palimpsest.events;

import java.util.Set;

/**
 * The roles a bearer token can carry (its {@code groups} claim), one place for the services that check them and the
 * tools that mint tokens. Reads need none. See docs/adr/0011-write-authentication.md.
 */
public final class Roles {

    /** Submits revisions and imports exports. */
    public static final String WRITER = "writer";
    /**
     * Everything a writer may do, and the operations on what is already archived (redaction, dead letters, article
     * status). Admin implies writer: the services allow both roles on every write, so an admin token needs no
     * second role in its claims.
     */
    public static final String ADMIN = "admin";

    /** Every role there is, for tools that mint tokens. */
    public static final Set<String> ALL = Set.of(WRITER, ADMIN);

    private Roles() {
    }
}
