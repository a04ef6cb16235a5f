package io.tandem.server.jobs;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.inference.Predictor;
import io.tandem.server.models.ModelLease;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Jobs in this process: {@link JobQueue}'s threads, each job on the version it was routed to. */
public final class LocalJobs implements JobService {
    private final JobQueue queue;
    private final Predictor predictor;

    public LocalJobs(JobQueue queue, Predictor predictor) {
        this.queue = queue;
        this.predictor = predictor;
    }

    @Override
    public ServerConfig.Jobs config() {
        return queue.config();
    }

    @Override
    public JobView submit(String client, ModelLease lease, List<ModelInput> inputs) {
        // The lease is held until the job has finished: the version stays loaded for all its inputs.
        return queue.submit(client, lease.model().manifest().id(), inputs, input -> predictor.predict(lease.model(), input), lease::close);
    }

    @Override
    public Optional<JobView> find(String id) {
        return queue.find(id).map(j -> j);
    }

    @Override
    public Runnable listen(String id, Consumer<JobView> listener) {
        Optional<Job> job = queue.find(id);
        if (job.isEmpty()) {
            return () -> { };
        }
        return job.get().listen(listener::accept);
    }

    @Override
    public long queueDepth() {
        return queue.waiting();
    }

    @Override
    public void close() {
        queue.close();
    }
}
