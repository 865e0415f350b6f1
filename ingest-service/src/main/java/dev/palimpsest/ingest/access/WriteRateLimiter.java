package dev.palimpsest.ingest.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.security.Principal;

/**
 * Applies the per-principal write rate limit to {@link WriteRateLimited} operations. It runs after the role check
 * (which happens before any interceptor of the application) and before the operation reads its body, so a refused
 * write costs neither the body's transfer nor a publish.
 */
@WriteRateLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class WriteRateLimiter {

    private static final Logger LOG = Logger.getLogger(WriteRateLimiter.class);

    private final PrincipalBuckets buckets;
    private final SecurityIdentity identity;

    public WriteRateLimiter(PrincipalBuckets buckets, SecurityIdentity identity) {
        this.buckets = buckets;
        this.identity = identity;
    }

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        String principal = principal();
        var wait = buckets.take(principal);
        if (wait.isPresent()) {
            LOG.debugf("write by '%s' refused: over the rate limit for %s", principal, wait.get());
            throw new WriteRateExceeded(wait.get());
        }
        return invocation.proceed();
    }

    /**
     * The token's subject ({@code sub}): stable for a client across tokens, unlike the token itself. Other principals
     * (none today) by name; an anonymous caller (only where no role is required) shares one bucket.
     */
    private String principal() {
        if (identity.isAnonymous()) {
            return "";
        }
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return principal.getName();
    }
}
