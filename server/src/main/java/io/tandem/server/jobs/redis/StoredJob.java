package io.tandem.server.jobs.redis;

import io.tandem.server.jobs.Job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A job's hash read back at one moment (HGETALL is one step: never half of a write). */
record StoredJob(String id, String model, String version, String client, int total, Job.State state, int done,
                 long createdAt, long finishedAt, String inputs, List<String> results, String error, String message) {

    static Optional<StoredJob> of(String id, Map<String, String> hash) {
        if (hash.isEmpty() || !hash.containsKey(JobHash.STATE)) {
            return Optional.empty();
        }
        int done = number(hash, JobHash.DONE);
        List<String> results = new ArrayList<>(done);
        for (int i = 0; i < done; i++) {
            results.add(hash.get(JobHash.result(i)));
        }
        return Optional.of(new StoredJob(id, hash.get(JobHash.MODEL), hash.get(JobHash.VERSION), hash.get(JobHash.CLIENT),
                number(hash, JobHash.TOTAL), Job.State.valueOf(hash.get(JobHash.STATE).toUpperCase(Locale.ROOT)), done,
                millis(hash, JobHash.CREATED_AT), millis(hash, JobHash.FINISHED_AT), hash.get(JobHash.INPUTS), results,
                hash.get(JobHash.ERROR), hash.get(JobHash.MESSAGE)));
    }

    private static long millis(Map<String, String> hash, String field) {
        String v = hash.get(field);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static int number(Map<String, String> hash, String field) {
        String v = hash.get(field);
        return v == null ? 0 : Integer.parseInt(v);
    }
}
