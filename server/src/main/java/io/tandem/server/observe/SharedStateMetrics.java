package io.tandem.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.server.cache.PredictionCache;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedState;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code tandem_redis_up{role}} (1 while Redis answers), {@code tandem_redis_errors_total{role}},
 * and {@code tandem_cache_lookups_total{outcome=local_hit|shared_hit|miss}}: this instance's cache
 * hits, by the tier that answered. A Redis that stays down shows as a 0 an alert can fire on.
 */
public final class SharedStateMetrics {
    private SharedStateMetrics() {
    }

    public static void bind(MeterRegistry registry, SharedState shared, PredictionCache cache) {
        shared.state().ifPresent(link -> link(registry, link));
        shared.cache().filter(c -> c != shared.state().orElse(null)).ifPresent(link -> link(registry, link));
        Map<PredictionCache.Outcome, Counter> lookups = new EnumMap<>(PredictionCache.Outcome.class);
        for (PredictionCache.Outcome o : PredictionCache.Outcome.values()) {
            lookups.put(o, Counter.builder("tandem.cache.lookups").description("prediction cache lookups by the tier that answered")
                    .tag("outcome", o.name().toLowerCase()).register(registry));
        }
        cache.listen(o -> lookups.get(o).increment());
    }

    private static void link(MeterRegistry registry, RedisLink link) {
        Gauge.builder("tandem.redis.up", link, l -> l.up() ? 1 : 0).description("1 while this instance's Redis answers")
                .tag("role", link.role()).register(registry);
        FunctionCounter.builder("tandem.redis.errors", link, RedisLink::errors).description("Redis calls that failed since start")
                .tag("role", link.role()).register(registry);
    }
}
