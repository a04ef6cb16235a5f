package io.tandem.server.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A job's answer as the API writes it, wherever the job lives ({@link Job} in this process, a
 * Redis hash for {@code RedisJobs}): one shape, so a poll that reaches either reads the same.
 *
 * @param done        inputs done so far (shown as 0 once the job failed: its results are dropped)
 * @param finishedAt  epoch milliseconds; read only once finished
 * @param results     read only once succeeded
 * @param errorCode   read only once failed, with {@code errorMessage}
 */
public record JobJson(String id, String model, Job.State state, int done, int total, long createdAt, long finishedAt,
                      List<Object> results, String errorCode, String errorMessage) {
    public boolean finished() {
        return state == Job.State.SUCCEEDED || state == Job.State.FAILED;
    }

    /** State, progress, and the results or the error once finished. */
    public Map<String, Object> full() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("model", model);
        m.put("state", stateName());
        m.put("progress", progress());
        m.put("createdAt", createdAt);
        if (finished()) {
            m.put("finishedAt", finishedAt);
        }
        if (state == Job.State.SUCCEEDED) {
            m.put("results", results);
        }
        if (state == Job.State.FAILED) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", errorCode);
            error.put("message", errorMessage);
            m.put("error", error);
        }
        return m;
    }

    /** Progress only, without results: what a push sends while the job runs. */
    public Map<String, Object> progressOnly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", stateName());
        m.put("progress", progress());
        return m;
    }

    private String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** done, then total: the same order in every answer (Map.of's order changes between JVM starts). */
    private Map<String, Object> progress() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("done", state == Job.State.FAILED ? 0 : done);
        p.put("total", total);
        return p;
    }
}
