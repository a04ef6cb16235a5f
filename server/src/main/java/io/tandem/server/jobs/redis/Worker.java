package io.tandem.server.jobs.redis;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.shared.SharedStateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job worker thread: a job taken over from a stopped worker first, else a new one (waiting
 * up to a second for it), run through {@link JobRunner}; and again, until the instance stops.
 * While Redis is down it waits, longer each time up to two seconds, and then reads on.
 *
 * <p>A stop interrupts the thread only while it is inside the model: an interrupt that reached a
 * Redis call (a wait for a pooled connection) would read as Redis failing.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int BLOCK_MILLIS = 1000;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final ConsumerGroup group;
    private final Reclaimer reclaimer;
    private final JobRunner runner;
    private final JobWork work;
    private final Shutdown shutdown;
    private final String stream;
    private final String consumer;
    private final Thread thread;
    private final Object modelLock = new Object();
    private boolean inModel;

    Worker(String name, ConsumerGroup group, Reclaimer reclaimer, JobRunner runner, JobWork work, Shutdown shutdown,
           JobKeys keys, String consumer) {
        this.group = group;
        this.reclaimer = reclaimer;
        this.runner = runner;
        this.work = work;
        this.shutdown = shutdown;
        this.stream = keys.stream();
        this.consumer = consumer;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** After {@link Shutdown#request}: wakes the thread if a model call holds it. */
    void interruptModel() {
        synchronized (modelLock) {
            if (inModel) {
                thread.interrupt();
            }
        }
    }

    boolean awaitStopped(Duration d) {
        try {
            thread.join(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void loop() {
        Duration pause = FIRST_PAUSE;
        while (!shutdown.requested()) {
            try {
                Optional<Delivery> next = reclaimer.next().or(this::read);
                next.ifPresent(d -> runner.run(d, this::inModel));
                pause = FIRST_PAUSE;
            } catch (SharedStateUnavailableException e) {
                // The job in hand, if any, stays pending and is reclaimed once Redis is back.
                LOG.debug("{}: Redis failed: {}", thread.getName(), e.getMessage());
                if (shutdown.await(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            } catch (RuntimeException e) {
                // A bug, or something in Redis we did not write. The thread must live on; the job
                // stays pending and is retried up to its attempts, then dead-lettered.
                LOG.error("{}: a job failed outside its model; going on", thread.getName(), e);
                if (shutdown.await(LONGEST_PAUSE)) {
                    return;
                }
            }
        }
    }

    private Optional<Delivery> read() {
        List<Map.Entry<String, List<StreamEntry>>> r = group.call(j -> j.xreadGroup(JobKeys.GROUP, consumer,
                XReadGroupParams.xReadGroupParams().count(1).block(BLOCK_MILLIS),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
        if (r == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<StreamEntry>> s : r) {
            for (StreamEntry e : s.getValue()) {
                return Optional.of(Delivery.of(e, false));
            }
        }
        return Optional.empty();
    }

    private Object inModel(ServerModel model, ModelInput input) throws Exception {
        synchronized (modelLock) {
            if (shutdown.requested()) {
                throw new InterruptedException("the instance is stopping");
            }
            inModel = true;
        }
        try {
            return work.run(model, input);
        } finally {
            synchronized (modelLock) {
                inModel = false;
                // A stop that came as the model returned must not reach the Redis calls that follow.
                Thread.interrupted();
            }
        }
    }
}
