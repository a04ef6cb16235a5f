package io.tandem.server.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs each client has queued or running, at most {@code max} at once: one caller cannot take
 * every slot of the job queue. Holds an entry only while a client has a job. Thread-safe.
 */
final class ClientQuota {
    private final int max;
    private final Map<String, Integer> active = new ConcurrentHashMap<>();

    ClientQuota(int max) {
        this.max = max;
    }

    /** Takes a slot for {@code client}; false when it has {@code max} already. */
    boolean tryAcquire(String client) {
        boolean[] got = {false};
        active.compute(client, (c, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            got[0] = true;
            return now + 1;
        });
        return got[0];
    }

    void release(String client) {
        active.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }

    int active(String client) {
        return active.getOrDefault(client, 0);
    }
}
