package io.tandem.server.jobs.redis;

import io.tandem.server.jobs.Job;
import io.tandem.server.jobs.JobJson;
import io.tandem.server.jobs.JobView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A job read from Redis, shown exactly as {@link Job#toJson} shows a job of this process. */
final class RedisJobView implements JobView {
    private final StoredJob job;
    private final List<Object> results;

    private RedisJobView(StoredJob job, List<Object> results) {
        this.job = job;
        this.results = results;
    }

    static RedisJobView of(StoredJob job) {
        List<Object> results = new ArrayList<>();
        if (job.state() == Job.State.SUCCEEDED) {
            for (String r : job.results()) {
                results.add(JsonText.read(r));
            }
        }
        return new RedisJobView(job, Collections.unmodifiableList(results));
    }

    @Override
    public String id() {
        return job.id();
    }

    @Override
    public boolean finished() {
        return json().finished();
    }

    @Override
    public Map<String, Object> toJson() {
        return json().full();
    }

    @Override
    public Map<String, Object> progressJson() {
        return json().progressOnly();
    }

    private JobJson json() {
        return new JobJson(job.id(), job.model(), job.state(), job.done(), job.total(), job.createdAt(), job.finishedAt(),
                results, job.error(), job.message());
    }
}
