package io.tandem.server.jobs.redis;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.inference.OverloadedException;
import io.tandem.server.inference.Predictor;
import io.tandem.server.jobs.Job;
import io.tandem.server.jobs.JobQueue;
import io.tandem.server.jobs.JobService;
import io.tandem.server.jobs.JobView;
import io.tandem.server.jobs.TooManyJobsException;
import io.tandem.server.models.ModelLease;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.shared.RedisEvents;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Jobs shared by every server instance on one Redis: a stream read through one consumer group,
 * so any instance may take a job; acknowledged only in the same step that stores its result; a
 * job whose worker stops renewing its claim is taken over after the visibility timeout, resuming
 * from the last result stored; started too often, it is dead-lettered with an error. Its state,
 * progress and changes are read from Redis by whichever instance the client reaches.
 *
 * <p>Redis not answering: submit and find throw {@link io.tandem.server.shared.SharedStateUnavailableException}
 * (503), so a job is refused rather than accepted and lost; the workers wait and carry on when it is back.
 * Keys and fields: {@link JobKeys}, {@link JobHash}.
 */
public final class RedisJobs implements JobService {
    private static final Logger LOG = LoggerFactory.getLogger(RedisJobs.class);
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A worker leaves within its one-second read, and one write to hand its job back. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final RedisLink redis;
    private final RedisEvents events;
    private final ServerConfig.Jobs config;
    private final JobKeys keys;
    private final JobScripts scripts;
    private final ConsumerGroup group;
    private final ClaimRenewals renewals;
    private final JobListeners listeners;
    private final Shutdown shutdown = new Shutdown();
    private final JobCounters counters = new JobCounters();
    private final List<Worker> workers = new ArrayList<>();
    private boolean started;

    public RedisJobs(RedisLink redis, RedisEvents events, SharedStateConfig shared, ServerConfig.Jobs config,
                     ModelRegistry registry, Predictor predictor, JobQueue.Errors errors) {
        this(redis, events, shared, config, registry, predictor::predict, errors);
    }

    RedisJobs(RedisLink redis, RedisEvents events, SharedStateConfig shared, ServerConfig.Jobs config,
              ModelRegistry registry, JobWork work, JobQueue.Errors errors) {
        this.redis = redis;
        this.events = events;
        this.config = config;
        this.keys = new JobKeys(redis);
        this.scripts = new JobScripts(redis, keys, shared, config);
        this.group = new ConsumerGroup(redis, keys);
        this.renewals = new ClaimRenewals(shared.jobVisibility());
        this.listeners = new JobListeners(this::read);
        Reclaimer reclaimer = new Reclaimer(group, redis, keys, shared.instanceId(), shared.jobVisibility());
        JobRunner runner = new JobRunner(redis, keys, scripts, group, shared.jobVisibility(), registry, errors, renewals,
                shutdown, counters);
        for (int i = 0; i < config.workers(); i++) {
            workers.add(new Worker("tandem-jobs-" + i, group, reclaimer, runner, work, shutdown, keys, shared.instanceId()));
        }
    }

    /**
     * Listens for job notices and starts the workers. Redis need not answer yet: the consumer group
     * is created by the first submit or worker read that finds it missing.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        events.on(JobKeys.TOPIC, id -> {
            if (!shutdown.requested()) {
                listeners.changed(id);
            }
        });
        events.onResync(() -> {
            if (!shutdown.requested()) {
                listeners.resync();
            }
        });
        workers.forEach(Worker::start);
    }

    @Override
    public ServerConfig.Jobs config() {
        return config;
    }

    /**
     * Stores the job and queues it in one step, then lets go of {@code lease}: whichever instance
     * takes the job leases the same version again (or, if it has left service there, the one the
     * client would be routed to now).
     */
    @Override
    public JobView submit(String client, ModelLease lease, List<ModelInput> inputs) {
        try (lease) {
            Manifest manifest = lease.model().manifest();
            String id = UUID.randomUUID().toString();
            String digest = JobKeys.clientDigest(client);
            JobScripts.Admission admission = scripts.submit(id, digest, JobHash.queued(manifest.id(), manifest.version(),
                    digest, inputs.size(), InputCodec.encode(inputs)));
            return switch (admission.outcome()) {
                case "queued" -> RedisJobView.of(new StoredJob(id, manifest.id(), manifest.version(), digest, inputs.size(),
                        Job.State.QUEUED, 0, admission.value(), 0, null, List.of(), null, null));
                // A job of a few inputs takes seconds; ten is a fair wait before asking again.
                case "quota" -> throw new TooManyJobsException(config.maxPerClient(), 10);
                case "kept" -> throw new OverloadedException(admission.value()
                        + " jobs are kept already; try again when some have expired", 60);
                case "queue" -> throw new OverloadedException(config.queueCapacity() + " jobs are waiting; try again later", 10);
                default -> throw new IllegalStateException("the submit script answered '" + admission.outcome() + "'");
            };
        }
    }

    @Override
    public Optional<JobView> find(String id) {
        return read(id);
    }

    private Optional<JobView> read(String id) {
        if (id == null || !JOB_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return StoredJob.of(id, redis.call(j -> j.hgetAll(keys.job(id)))).map(RedisJobView::of);
    }

    @Override
    public Runnable listen(String id, Consumer<JobView> listener) {
        if (id == null || !JOB_ID.matcher(id).matches()) {
            return () -> { };
        }
        return listeners.add(id, listener);
    }

    /** Jobs waiting in Redis for any instance's worker (not the running ones). */
    public long queueDepth() {
        return Math.max(0, scripts.depth());
    }

    /** Attempts this instance's workers started, new jobs and taken over ones. */
    public long taken() {
        return counters.taken.get();
    }

    /** Jobs this instance took over from a worker that stopped renewing its claim. */
    public long reclaimed() {
        return counters.reclaimed.get();
    }

    /** Jobs this instance dead-lettered: started too often without finishing. */
    public long deadLettered() {
        return counters.deadLettered.get();
    }

    /** Attempts this instance gave up because another instance had taken the job over meanwhile. */
    public long fencedOut() {
        return counters.fencedOut.get();
    }

    /** Jobs this instance gave back unfinished as it shut down (another resumes them at once). */
    public long handedBack() {
        return counters.handedBack.get();
    }

    /** Stops the workers; each gives its unfinished job back for another instance to resume. */
    @Override
    public void close() {
        shutdown.request();
        stopWorkers();
    }

    /** As a crash would: the workers stop with no further write; their jobs wait out the visibility timeout. */
    void crash() {
        shutdown.requestAbrupt();
        renewals.close();
        stopWorkers();
    }

    private void stopWorkers() {
        workers.forEach(Worker::interruptModel);
        for (Worker w : workers) {
            if (!w.awaitStopped(STOP_WAIT)) {
                LOG.warn("a job worker did not stop within {} s; its job is reclaimed once its claim lapses", STOP_WAIT.toSeconds());
            }
        }
        renewals.close();
        listeners.clear();
    }
}
