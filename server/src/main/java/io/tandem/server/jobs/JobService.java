package io.tandem.server.jobs;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.models.ModelLease;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asynchronous jobs as the HTTP routes see them, wherever they run: in this process
 * ({@link LocalJobs}) or on any instance through Redis Streams ({@code RedisJobs}).
 */
public interface JobService extends AutoCloseable {
    ServerConfig.Jobs config();

    /**
     * Queues a job over {@code inputs} for the version {@code lease} holds; takes over the lease
     * (closes it when it no longer needs the version held).
     *
     * @throws io.tandem.server.inference.OverloadedException the queue is full
     * @throws TooManyJobsException the client has its share already
     * @throws io.tandem.server.shared.SharedStateUnavailableException jobs live in Redis, which does not answer
     */
    JobView submit(String client, ModelLease lease, List<ModelInput> inputs);

    /** The job as it stands now; empty when it never existed or its result has expired. */
    Optional<JobView> find(String id);

    /**
     * Calls {@code listener} with the job on every change from now on, until it has finished; the
     * caller reads the current state itself first. Returns a handle that stops the calls.
     */
    Runnable listen(String id, Consumer<JobView> listener);

    /** Jobs waiting to start (for the autoscaler's queue-depth metric); throws while their store does not answer. */
    long queueDepth();

    @Override
    void close();
}
