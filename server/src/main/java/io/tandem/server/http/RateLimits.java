package io.tandem.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.server.ServerConfig;
import io.tandem.server.limits.Limiter;
import io.tandem.server.limits.RateLimiter;
import io.tandem.server.limits.SharedRateLimiter;
import io.tandem.server.shared.RedisLink;

/**
 * Per-address and per-API-key rate limits on guarded requests ({@link ApiPaths}): over the limit
 * is 429 with {@code Retry-After}. The per-address limit runs before the key check (it also slows
 * key guessing); the per-key limit after it.
 */
public final class RateLimits {
    private final Limiter perIp;
    private final Limiter perKey;

    public RateLimits(ServerConfig.Access access) {
        this(access, null);
    }

    /** With {@code redis} non-null the limits count every instance's requests together. */
    public RateLimits(ServerConfig.Access access, RedisLink redis) {
        this.perIp = redis == null ? new RateLimiter(access.perIp()) : new SharedRateLimiter(access.perIp(), redis, "ip");
        this.perKey = redis == null ? new RateLimiter(access.perKey()) : new SharedRateLimiter(access.perKey(), redis, "key");
    }

    /** Registers the per-address limit; call before {@link ApiKeys#register}. */
    public void registerPerAddress(Javalin app) {
        if (perIp.enabled()) {
            app.before(ctx -> {
                if (ApiPaths.guarded(ctx)) {
                    check(ctx, perIp.retryAfterSeconds(ClientAddress.of(ctx)), "this address");
                }
            });
        }
    }

    /** Registers the per-key limit; call after {@link ApiKeys#register}. */
    public void registerPerKey(Javalin app) {
        if (perKey.enabled()) {
            app.before(ctx -> {
                String key = ctx.attribute(ApiKeys.ATTRIBUTE);
                if (key != null && ApiPaths.guarded(ctx)) {
                    check(ctx, perKey.retryAfterSeconds(key), "this API key");
                }
            });
        }
    }

    private static void check(Context ctx, int retryAfter, String who) {
        if (retryAfter > 0) {
            throw new ApiException(429, "too_many_requests",
                    "too many requests from " + who + "; retry after " + retryAfter + " s", retryAfter);
        }
    }
}
