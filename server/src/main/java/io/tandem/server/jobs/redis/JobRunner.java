package io.tandem.server.jobs.redis;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.jobs.JobQueue;
import io.tandem.server.models.ModelLease;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.shared.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one delivered job on this instance: starts an attempt, leases the version the job was
 * routed to, works through the inputs it has no result for yet, and writes the end — each write
 * fenced by the attempt. A model failure ends the job at once (it would fail the same anywhere);
 * Redis failing leaves the job pending, to be reclaimed.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final RedisLink redis;
    private final JobKeys keys;
    private final JobScripts scripts;
    private final ConsumerGroup group;
    private final Duration visibility;
    private final ModelRegistry registry;
    private final JobQueue.Errors errors;
    private final ClaimRenewals renewals;
    private final Shutdown shutdown;
    private final JobCounters counters;

    JobRunner(RedisLink redis, JobKeys keys, JobScripts scripts, ConsumerGroup group, Duration visibility,
              ModelRegistry registry, JobQueue.Errors errors, ClaimRenewals renewals, Shutdown shutdown, JobCounters counters) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
        this.group = group;
        this.visibility = visibility;
        this.registry = registry;
        this.errors = errors;
        this.renewals = renewals;
        this.shutdown = shutdown;
        this.counters = counters;
    }

    /** {@code work} is the worker's own guarded way into the model (see {@link Worker}). */
    void run(Delivery delivery, JobWork work) {
        if (delivery.jobId() == null) {
            // Not an entry of ours: nothing to run, and it must not be reclaimed forever.
            redis.call(j -> j.xack(keys.stream(), JobKeys.GROUP, new StreamEntryID(delivery.entryId())));
            return;
        }
        if (shutdown.requested()) {
            // Delivered as we stop: not started, so given back as it is (a crash just leaves it).
            if (!shutdown.abrupt()) {
                group.giveBack(delivery.entryId(), scripts.consumer(), visibility);
            }
            return;
        }
        JobScripts.Taken taken = scripts.take(delivery.jobId(), delivery.entryId());
        switch (taken.outcome()) {
            case "run" -> {
                counters.taken.incrementAndGet();
                if (delivery.reclaimed()) {
                    counters.reclaimed.incrementAndGet();
                }
                run(new Attempt(scripts, delivery, taken.value()), work);
            }
            case "dead" -> {
                counters.deadLettered.incrementAndGet();
                LOG.warn("job {} dead-lettered: started {} times, its worker stopped each time", delivery.jobId(), taken.value());
            }
            default -> LOG.debug("job {}: finished or expired already; its entry is dropped", delivery.jobId());
        }
    }

    private void run(Attempt attempt, JobWork work) {
        Optional<StoredJob> stored = StoredJob.of(attempt.jobId(), redis.call(j -> j.hgetAll(keys.job(attempt.jobId()))));
        if (stored.isEmpty()) {
            return;
        }
        StoredJob job = stored.get();
        Optional<ModelLease> lease = registry.acquireVersion(job.model(), job.version())
                .or(() -> registry.acquire(job.model(), job.client()));
        if (lease.isEmpty()) {
            attempt.fail("not_found", "model '" + job.model() + "' is not loaded on the server instance that took this job");
            return;
        }
        try (ModelLease held = lease.get()) {
            Runnable stopRenewing = renewals.keep(attempt);
            try {
                runInputs(job, attempt, held.model(), work);
            } finally {
                stopRenewing.run();
            }
        }
    }

    private void runInputs(StoredJob job, Attempt attempt, ServerModel model, JobWork work) {
        int from = job.done();
        String version = model.manifest().version();
        if (!version.equals(job.version())) {
            // Its version has left service here: the job runs whole on this one, never on two.
            if (!attempt.restart(version)) {
                lostClaim(attempt);
                return;
            }
            from = 0;
        }
        List<ModelInput> inputs;
        try {
            inputs = InputCodec.decode(job.inputs());
        } catch (IllegalArgumentException e) {
            LOG.error("job {}: its stored inputs cannot be read", job.id(), e);
            attempt.fail("internal_error", "the job failed on the server; it has been logged");
            return;
        }
        for (int i = from; i < inputs.size(); i++) {
            if (stopping(attempt)) {
                return;
            }
            String result;
            try {
                result = JsonText.write(work.run(model, inputs.get(i)));
            } catch (Exception e) {
                if (shutdown.requested()) {
                    // The stop interrupted the model; whatever that threw (the batcher says timeout),
                    // the job is not at fault: it is handed back, or left for reclaiming.
                    stopping(attempt);
                } else {
                    failed(attempt, e);
                }
                return;
            } catch (Error e) {
                // Out of memory and the like: the job must not stay 'running', but the error goes on.
                attempt.fail("internal_error", "the job failed on the server; it has been logged");
                throw e;
            }
            if (shutdown.abrupt()) {
                return;
            }
            if (!attempt.progress(i, result)) {
                lostClaim(attempt);
                return;
            }
        }
        if (!attempt.succeed()) {
            lostClaim(attempt);
        }
    }

    /** True when the worker must go: stopping (cleanly, the job handed back) or its claim lost. */
    private boolean stopping(Attempt attempt) {
        if (shutdown.abrupt()) {
            return true;
        }
        if (shutdown.requested()) {
            if (attempt.handBack()) {
                counters.handedBack.incrementAndGet();
            }
            return true;
        }
        if (attempt.lost()) {
            lostClaim(attempt);
            return true;
        }
        return false;
    }

    private void failed(Attempt attempt, Exception e) {
        String[] described = errors.describe(e);
        if (described[0].equals("internal_error")) {
            LOG.error("job {} failed", attempt.jobId(), e);
        }
        if (!attempt.fail(described[0], described[1])) {
            lostClaim(attempt);
        }
    }

    private void lostClaim(Attempt attempt) {
        counters.fencedOut.incrementAndGet();
        LOG.info("job {}: attempt {} lost its claim to another instance; its work is dropped", attempt.jobId(), attempt.number());
    }
}
