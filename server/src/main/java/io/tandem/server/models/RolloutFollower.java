package io.tandem.server.models;

import io.tandem.server.shared.RedisEvents;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance on the shared rollout: a change notice from any instance makes it read
 * that model's record and switch ({@link ModelVersions#follow}), on one thread of its own, since
 * loading a version takes seconds and the notices must keep flowing meanwhile. After every
 * (re)connection to Redis and every {@link #SAFETY_NET} all models are read again, so a notice
 * lost in an outage delays a switch, never prevents it.
 */
public final class RolloutFollower implements AutoCloseable {
    static final Duration SAFETY_NET = Duration.ofSeconds(10);

    private final ModelRegistry registry;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-rollout-follower");
        t.setDaemon(true);
        return t;
    });

    public RolloutFollower(ModelRegistry registry, RedisEvents events) {
        this.registry = registry;
        events.on(SharedRolloutRecords.TOPIC, id -> worker.execute(() -> registry.versions(id).ifPresent(ModelVersions::followRecord)));
        events.onResync(() -> worker.execute(this::followAll));
    }

    public void start() {
        worker.scheduleWithFixedDelay(this::followAll, SAFETY_NET.toMillis(), SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void followAll() {
        for (String id : registry.ids()) {
            registry.versions(id).ifPresent(ModelVersions::followRecord);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
