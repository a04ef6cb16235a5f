package io.tandem.server.limits;

/** A rate limit per caller: this instance's own ({@link RateLimiter}) or every instance's ({@link SharedRateLimiter}). */
public interface Limiter {
    boolean enabled();

    /** 0 when {@code caller} may go ahead, otherwise the whole seconds until it may retry (at least 1). */
    int retryAfterSeconds(String caller);
}
