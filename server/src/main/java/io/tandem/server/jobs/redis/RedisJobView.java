package io.tandem.server.jobs.redis;

import io.tandem.server.jobs.Job;
import io.tandem.server.jobs.JobView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        return job.state() == Job.State.SUCCEEDED || job.state() == Job.State.FAILED;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("model", job.model());
        m.put("state", state());
        m.put("progress", progress());
        m.put("createdAt", job.createdAt());
        if (finished()) {
            m.put("finishedAt", job.finishedAt());
        }
        if (job.state() == Job.State.SUCCEEDED) {
            m.put("results", results);
        }
        if (job.state() == Job.State.FAILED) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", job.error());
            error.put("message", job.message());
            m.put("error", error);
        }
        return m;
    }

    @Override
    public Map<String, Object> progressJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("state", state());
        m.put("progress", progress());
        return m;
    }

    private String state() {
        return job.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** done then total, always in that order; a failed job shows none done, as a local one does. */
    private Map<String, Object> progress() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("done", job.state() == Job.State.FAILED ? 0 : job.done());
        p.put("total", job.total());
        return p;
    }
}
