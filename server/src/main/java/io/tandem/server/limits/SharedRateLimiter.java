package io.tandem.server.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.tandem.server.ServerConfig;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateUnavailableException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One token bucket per caller for all instances together, in Redis through bucket4j's
 * compare-and-swap proxy: N requests a minute means N whichever instances they reach. The bucket
 * refills evenly, as the local one does, and expires once it would be full again. While Redis
 * fails, this instance's own buckets take over (the limit then holds per instance: looser, never
 * off), and the link says so in the log and at {@code /ready}.
 */
public final class SharedRateLimiter implements Limiter {
    private final ServerConfig.RateLimit limit;
    private final RedisLink redis;
    private final String scope;
    private final ProxyManager<byte[]> buckets;
    private final BucketConfiguration configuration;
    private final RateLimiter fallback;

    /** @param scope what the callers are ({@code key} or {@code ip}): separate buckets for each */
    public SharedRateLimiter(ServerConfig.RateLimit limit, RedisLink redis, String scope) {
        this.limit = limit;
        this.redis = redis;
        this.scope = scope;
        this.fallback = new RateLimiter(limit);
        this.buckets = Bucket4jJedis.casBasedBuilder(redis.jedis())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.configuration = limit.enabled()
                ? BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()).build())
                        .build()
                : null;
    }

    @Override
    public boolean enabled() {
        return limit.enabled();
    }

    @Override
    public int retryAfterSeconds(String caller) {
        if (!limit.enabled()) {
            return 0;
        }
        if (!redis.up()) {
            return fallback.retryAfterSeconds(caller);
        }
        ConsumptionProbe probe;
        try {
            byte[] key = redis.key("limit", scope, caller).getBytes(StandardCharsets.UTF_8);
            probe = redis.call(j -> buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1));
        } catch (SharedStateUnavailableException | io.github.bucket4j.BucketExceptions.BucketExecutionException e) {
            return fallback.retryAfterSeconds(caller);
        }
        return probe.isConsumed() ? 0 : RateLimiter.retryAfterSeconds(probe.getNanosToWaitForRefill());
    }
}
