package io.tandem.server.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Redis connections of one instance, or none on one machine: the state Redis (limits, jobs,
 * rollouts, drift, change notices) and the cache Redis (the same one unless
 * {@code TANDEM_REDIS_CACHE_URL} names another).
 */
public final class SharedState implements AutoCloseable {
    private final SharedStateConfig config;
    private final RedisLink state;
    private final RedisLink cache;
    private final RedisEvents events;

    private SharedState(SharedStateConfig config, RedisLink state, RedisLink cache, RedisEvents events) {
        this.config = config;
        this.state = state;
        this.cache = cache;
        this.events = events;
    }

    public static SharedState open(SharedStateConfig config) {
        if (!config.enabled()) {
            return new SharedState(config, null, null, null);
        }
        RedisLink state = RedisLink.open("state", config.redisUrl(), config.prefix());
        RedisLink cache = config.cacheRedisUrl() == null ? state : RedisLink.open("cache", config.cacheRedisUrl(), config.prefix());
        return new SharedState(config, state, cache, new RedisEvents(state));
    }

    public boolean enabled() {
        return state != null;
    }

    public SharedStateConfig config() {
        return config;
    }

    /** The state Redis; empty on one machine. */
    public Optional<RedisLink> state() {
        return Optional.ofNullable(state);
    }

    /** The Redis predictions are shared through; empty on one machine. */
    public Optional<RedisLink> cache() {
        return Optional.ofNullable(cache);
    }

    public Optional<RedisEvents> events() {
        return Optional.ofNullable(events);
    }

    /** Starts listening for other instances' change notices. */
    public void start() {
        if (events != null) {
            events.start();
        }
    }

    /** What {@code /ready} shows under {@code sharedState}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (state == null) {
            m.put("mode", "local");
            return m;
        }
        m.put("mode", "redis");
        m.put("instance", config.instanceId());
        m.put("redis", state.describe());
        if (cache != state) {
            m.put("cacheRedis", cache.describe());
        }
        boolean degraded = !state.up() || !cache.up();
        m.put("degraded", degraded);
        return m;
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
        if (cache != null && cache != state) {
            cache.close();
        }
        if (state != null) {
            state.close();
        }
    }
}
