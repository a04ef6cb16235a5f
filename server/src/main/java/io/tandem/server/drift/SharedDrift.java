package io.tandem.server.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Drift windows merged across instances: each instance writes its windows of every version to
 * Redis once a second ({@code prefix:drift:<model>@<version>:<instance>}, expiring after
 * {@link #STALE}, so a dead instance's counts leave the verdict), and a drift request adds the
 * other instances' windows to its own. Counts only, as on one machine: never an input.
 */
public final class SharedDrift implements AutoCloseable {
    /** An instance not heard from for this long no longer counts. */
    static final Duration STALE = Duration.ofSeconds(30);
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SharedDrift.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink redis;
    private final String instance;
    private final Supplier<List<DriftMonitor>> monitors;
    private final ScheduledExecutorService publisher;

    public SharedDrift(RedisLink redis, String instance, Supplier<List<DriftMonitor>> monitors) {
        this.redis = redis;
        this.instance = instance;
        this.monitors = monitors;
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-drift-share");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        publisher.scheduleWithFixedDelay(this::publishAll, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The other live instances' windows of {@code monitor}'s version; empty while Redis fails. */
    public List<DriftSnapshot> others(DriftMonitor monitor) {
        if (!redis.up()) {
            return List.of();
        }
        try {
            String members = membersKey(monitor);
            Set<String> names = redis.call(j -> j.smembers(members));
            List<String> keys = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (String name : names) {
                if (!name.equals(instance)) {
                    keys.add(windowKey(monitor, name));
                    named.add(name);
                }
            }
            if (keys.isEmpty()) {
                return List.of();
            }
            List<String> values = redis.call(j -> j.mget(keys.toArray(String[]::new)));
            List<DriftSnapshot> out = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (v == null) {
                    String gone = named.get(i);
                    redis.call(j -> j.srem(members, gone));
                    continue;
                }
                try {
                    out.add(JSON.readValue(v, DriftSnapshot.class));
                } catch (JsonProcessingException e) {
                    LOG.debug("ignoring an unreadable drift window at {}: {}", keys.get(i), e.getOriginalMessage());
                }
            }
            return out;
        } catch (SharedStateUnavailableException e) {
            return List.of();
        }
    }

    private void publishAll() {
        if (!redis.up()) {
            return;
        }
        for (DriftMonitor m : monitors.get()) {
            try {
                String json = JSON.writeValueAsString(m.snapshot());
                String members = membersKey(m);
                String window = windowKey(m, instance);
                redis.call(j -> {
                    j.set(window, json, SetParams.setParams().px(STALE.toMillis()));
                    j.sadd(members, instance);
                    j.expire(members, Duration.ofDays(1).toSeconds());
                    return null;
                });
            } catch (JsonProcessingException e) {
                LOG.warn("cannot write the drift window of {}: {}", m.model(), e.getOriginalMessage());
            } catch (SharedStateUnavailableException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("sharing the drift window of {} failed: {}", m.model(), e.toString());
            }
        }
    }

    private String membersKey(DriftMonitor m) {
        return redis.key("drift", m.model() + "@" + m.version(), "instances");
    }

    private String windowKey(DriftMonitor m, String name) {
        return redis.key("drift", m.model() + "@" + m.version(), "window", name);
    }

    @Override
    public void close() {
        publisher.shutdownNow();
    }
}
