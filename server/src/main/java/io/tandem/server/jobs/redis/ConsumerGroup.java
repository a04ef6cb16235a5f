package io.tandem.server.jobs.redis;

import io.tandem.server.shared.RedisLink;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.function.Function;

/**
 * The consumer group every instance reads the job stream through. Created when missing — at the
 * start, and again whenever Redis answers NOGROUP (it restarted empty) — inside the one call, so a
 * missing group never reads as Redis being down.
 */
final class ConsumerGroup {
    private final RedisLink redis;
    private final String stream;

    ConsumerGroup(RedisLink redis, JobKeys keys) {
        this.redis = redis;
        this.stream = keys.stream();
    }

    void ensure() {
        redis.call(j -> {
            create(j);
            return null;
        });
    }

    /** Runs {@code command}; on NOGROUP creates the group and runs it once more. */
    <T> T call(Function<UnifiedJedis, T> command) {
        return redis.call(j -> {
            try {
                return command.apply(j);
            } catch (JedisDataException e) {
                if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    throw e;
                }
                create(j);
                return command.apply(j);
            }
        });
    }

    private void create(UnifiedJedis j) {
        try {
            j.xgroupCreate(stream, JobKeys.GROUP, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }
}
