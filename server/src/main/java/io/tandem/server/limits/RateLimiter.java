package io.tandem.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.server.ServerConfig;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller (an API key or a client address), kept for a while after its last
 * use and never more than {@code maxCallers} at once, so the limiter's own memory is bounded.
 */
public final class RateLimiter implements Limiter {
    private final ServerConfig.RateLimit limit;
    private final LongSupplier clock;
    private final Cache<String, TokenBucket> buckets;

    public RateLimiter(ServerConfig.RateLimit limit, int maxCallers, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
        // A bucket idle for a whole period is full again: forgetting it changes nothing.
        Duration idle = limit.period();
        this.buckets = Caffeine.newBuilder().maximumSize(maxCallers).expireAfterAccess(idle).build();
    }

    public RateLimiter(ServerConfig.RateLimit limit) {
        this(limit, 100_000, System::nanoTime);
    }

    @Override
    public boolean enabled() {
        return limit.enabled();
    }

    /** 0 when {@code caller} may go ahead, otherwise the whole seconds until it may retry (at least 1). */
    @Override
    public int retryAfterSeconds(String caller) {
        if (!limit.enabled()) {
            return 0;
        }
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.get(caller, c -> new TokenBucket(limit.requests(), limit.period().toNanos(), now));
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? 0 : retryAfterSeconds(waitNanos);
    }

    /** A wait as {@code Retry-After} gives it: whole seconds, rounded up, at least 1. */
    static int retryAfterSeconds(long waitNanos) {
        long second = TimeUnit.SECONDS.toNanos(1);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (waitNanos + second - 1) / second));
    }
}
