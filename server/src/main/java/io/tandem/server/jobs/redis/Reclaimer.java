package io.tandem.server.jobs.redis;

import io.tandem.server.shared.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes over jobs whose worker stopped renewing its claim: XAUTOCLAIM of an entry idle longer
 * than the visibility timeout. It walks the pending list a few entries per call, keeping its place,
 * so a dead worker's job is found however many live ones come before it.
 *
 * <p>Now and then it also drops consumers of instances long gone (nothing pending, silent for an
 * hour; a live worker asks every second), or every restart would leave one behind in the group.
 */
final class Reclaimer {
    private static final Logger LOG = LoggerFactory.getLogger(Reclaimer.class);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private static final Duration CONSUMER_GONE_AFTER = Duration.ofHours(1);

    private final ConsumerGroup group;
    private final RedisLink redis;
    private final String stream;
    private final String consumer;
    private final long visibilityMillis;
    private StreamEntryID cursor = new StreamEntryID(0, 0);
    private long nextSweep = System.nanoTime();

    Reclaimer(ConsumerGroup group, RedisLink redis, JobKeys keys, String consumer, Duration visibility) {
        this.group = group;
        this.redis = redis;
        this.stream = keys.stream();
        this.consumer = consumer;
        this.visibilityMillis = visibility.toMillis();
    }

    /** One job to take over, if an entry has been idle too long; this instance's consumer holds it then. */
    synchronized Optional<Delivery> next() {
        sweepNowAndThen();
        Map.Entry<StreamEntryID, List<StreamEntry>> r = group.call(j -> j.xautoclaim(stream, JobKeys.GROUP, consumer,
                visibilityMillis, cursor, XAutoClaimParams.xAutoClaimParams().count(1)));
        cursor = r.getKey();
        for (StreamEntry e : r.getValue()) {
            if (e != null) {
                return Optional.of(Delivery.of(e, true));
            }
        }
        return Optional.empty();
    }

    private void sweepNowAndThen() {
        if (System.nanoTime() - nextSweep < 0) {
            return;
        }
        nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
        List<StreamConsumerInfo> consumers = group.call(j -> j.xinfoConsumers2(stream, JobKeys.GROUP));
        for (StreamConsumerInfo c : consumers) {
            if (!c.getName().equals(consumer) && c.getPending() == 0 && c.getIdle() > CONSUMER_GONE_AFTER.toMillis()) {
                redis.call(j -> j.xgroupDelConsumer(stream, JobKeys.GROUP, c.getName()));
                LOG.info("jobs: dropped the consumer {} of an instance silent for {} min", c.getName(), c.getIdle() / 60_000);
            }
        }
    }
}
