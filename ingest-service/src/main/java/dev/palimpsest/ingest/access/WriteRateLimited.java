package dev.palimpsest.ingest.access;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write that counts against its principal's rate limit ({@link WriteRateLimiter}): one request, one token from
 * the bucket, whatever it carries (an import of a million revisions counts as one). Put it beside
 * {@code @RolesAllowed} on every operation that writes.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WriteRateLimited {
}
