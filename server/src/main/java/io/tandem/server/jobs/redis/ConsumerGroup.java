package io.tandem.server.jobs.redis;

import io.tandem.server.shared.RedisLink;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XClaimParams;

import java.time.Duration;
import java.util.function.Function;

/**
 * The consumer group every instance reads the job stream through. Created when missing — by the
 * first submit (in its script) or the first worker read that Redis answers NOGROUP, as after a
 * restart that left it empty — inside the one call, so a missing group never reads as Redis down.
 */
final class ConsumerGroup {
    private final RedisLink redis;
    private final String stream;

    ConsumerGroup(RedisLink redis, JobKeys keys) {
        this.redis = redis;
        this.stream = keys.stream();
    }

    /**
     * Makes an entry this consumer holds, but never started, idle enough that the next XAUTOCLAIM
     * anywhere takes it: a clean stop need not make it wait out the visibility timeout.
     */
    void giveBack(String entryId, String consumer, Duration visibility) {
        redis.call(j -> j.xclaimJustId(stream, JobKeys.GROUP, consumer, 0,
                XClaimParams.xClaimParams().idle(visibility.toMillis() + 1000), new StreamEntryID(entryId)));
    }

    /** Runs {@code command}; when the stream or the group is missing, creates them and runs it once more. */
    <T> T call(Function<UnifiedJedis, T> command) {
        return redis.call(j -> {
            try {
                return command.apply(j);
            } catch (JedisDataException e) {
                if (!missing(e)) {
                    throw e;
                }
                create(j);
                return command.apply(j);
            }
        });
    }

    /** NOGROUP from the stream commands; XINFO says "no such key" of a stream not made yet. */
    private static boolean missing(JedisDataException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("NOGROUP") || m.equals("ERR no such key");
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
