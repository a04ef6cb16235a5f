package io.tandem.server.jobs;

import io.tandem.server.ServerConfig;
import io.tandem.server.inference.OverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Asynchronous jobs: a bounded queue served by a few threads, each job working through its inputs
 * one prediction at a time (through the model's batching queue, so jobs and live requests share
 * the same bound on CPU). Finished jobs are kept for the configured time to live, then forgotten;
 * never more than the queue bound waits.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

    /** One input's prediction; throws to fail the job. */
    @FunctionalInterface
    public interface Work<I> {
        Object run(I input) throws Exception;
    }

    /** Maps a failure to the job's {error, message}. */
    @FunctionalInterface
    public interface Errors {
        String[] describe(Throwable failure);
    }

    private final ServerConfig.Jobs config;
    private final LongSupplier nanos;
    private final Errors errors;
    private final ThreadPoolExecutor executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ClientQuota quota;

    public JobQueue(ServerConfig.Jobs config, Errors errors, LongSupplier nanos) {
        this.config = config;
        this.errors = errors;
        this.nanos = nanos;
        this.quota = new ClientQuota(config.maxPerClient());
        this.executor = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
                    Thread t = new Thread(r, "tandem-jobs");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    public ServerConfig.Jobs config() {
        return config;
    }

    /**
     * Queues a job over {@code inputs}.
     *
     * @throws OverloadedException the job queue is full
     */
    public <I> Job submit(String model, List<I> inputs, Work<I> work) {
        // No caller to bound: a client of its own, so only the queue's bounds apply.
        return submit(UUID.randomUUID().toString(), model, inputs, work, () -> { });
    }

    /**
     * As {@link #submit(String, List, Work)}, calling {@code finished} once the job has ended (or
     * was refused): a job's hold on its model version ends there.
     *
     * {@code client} (its API key, else its address) may have at most the configured number of
     * jobs queued or running.
     *
     * @throws OverloadedException the job queue is full
     * @throws TooManyJobsException the client has its share already
     */
    public <I> Job submit(String client, String model, List<I> inputs, Work<I> work, Runnable done) {
        expire();
        if (!quota.tryAcquire(client)) {
            done.run();
            // A job of a few inputs takes seconds; ten is a fair wait before asking again.
            throw new TooManyJobsException(config.maxPerClient(), 10);
        }
        Runnable finished = () -> {
            quota.release(client);
            done.run();
        };
        if (jobs.size() >= config.maxKept()) {
            finished.run();
            throw new OverloadedException(jobs.size() + " jobs are kept already; try again when some have expired", 60);
        }
        Job job = new Job(UUID.randomUUID().toString(), model, inputs.size(), System.currentTimeMillis());
        jobs.put(job.id(), job);
        try {
            executor.execute(() -> {
                try {
                    run(job, inputs, work);
                } finally {
                    finished.run();
                }
            });
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            finished.run();
            throw new OverloadedException(config.queueCapacity() + " jobs are waiting; try again later", 10);
        }
        return job;
    }

    /** Jobs queued and not started. */
    public int waiting() {
        return executor.getQueue().size();
    }

    public Optional<Job> find(String id) {
        expire();
        return Optional.ofNullable(jobs.get(id));
    }

    private <I> void run(Job job, List<I> inputs, Work<I> work) {
        job.running();
        try {
            for (I input : inputs) {
                job.add(work.run(input));
            }
            job.succeeded(nanos.getAsLong(), System.currentTimeMillis());
        } catch (Exception e) {
            String[] described = errors.describe(e);
            if (described[0].equals("internal_error")) {
                LOG.error("job {} failed", job.id(), e);
            }
            job.failed(described[0], described[1], nanos.getAsLong(), System.currentTimeMillis());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } catch (Error e) {
            // Out of memory and the like: the job must not stay 'running' forever, but the error goes on.
            job.failed("internal_error", "the job failed on the server; it has been logged", nanos.getAsLong(), System.currentTimeMillis());
            throw e;
        }
    }

    /** Forgets jobs that finished more than the time to live ago. */
    private void expire() {
        long cutoff = nanos.getAsLong() - config.ttl().toNanos();
        jobs.values().removeIf(j -> j.finishedBefore(cutoff));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
