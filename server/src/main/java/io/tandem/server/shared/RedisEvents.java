package io.tandem.server.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Change notices between instances over Redis pub/sub: one subscriber thread per instance for
 * every topic ({@code prefix:events:<topic>}), re-subscribing after a Redis outage. A notice only
 * says what changed (a model id, a job id); the state itself is read from Redis, so a notice
 * missed while disconnected costs nothing but the wait for the resync that follows every
 * (re)connection.
 */
public final class RedisEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEvents.class);

    private final RedisLink redis;
    private final String pattern;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile JedisPubSub current;

    public RedisEvents(RedisLink redis) {
        this.redis = redis;
        this.pattern = redis.key("events", "*");
        this.thread = new Thread(this::run, "tandem-redis-events");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Calls {@code listener} with each notice's message on {@code topic}, on the subscriber thread. */
    public void on(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(redis.key("events", topic), t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Called after every (re)subscription: notices sent while disconnected were lost, state is not. */
    public void onResync(Runnable resync) {
        resyncs.add(resync);
    }

    /** Tells every instance (this one too) that {@code message} changed on {@code topic}. */
    public void publish(String topic, String message) {
        redis.call(j -> j.publish(redis.key("events", topic), message));
    }

    private void run() {
        long backoff = 250;
        while (!closed) {
            JedisPubSub sub = new JedisPubSub() {
                @Override
                public void onPMessage(String p, String channel, String message) {
                    dispatch(channel, message);
                }

                @Override
                public void onPSubscribe(String p, int count) {
                    resync();
                }
            };
            current = sub;
            try {
                redis.jedis().psubscribe(sub, pattern);
                backoff = 250;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.debug("Redis events subscription lost: {}", e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(2000, backoff * 2);
            }
        }
    }

    private void dispatch(String channel, String message) {
        for (Consumer<String> l : listeners.getOrDefault(channel, List.of())) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("a listener on {} failed on '{}': {}", channel, message, e.toString());
            }
        }
    }

    private void resync() {
        for (Runnable r : resyncs) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("resync after (re)connecting to Redis failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub sub = current;
        if (sub != null && sub.isSubscribed()) {
            try {
                sub.punsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is gone already; the thread ends on its own
            }
        }
        thread.interrupt();
    }
}
