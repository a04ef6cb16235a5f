package io.tandem.server.jobs.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether this instance's workers are stopping, and how: cleanly (each hands its job back, so
 * another instance resumes it at once) or abruptly, as a crash would (no write at all; the job is
 * reclaimed after the visibility timeout). Abrupt stops exist for tests of just that.
 */
final class Shutdown {
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile boolean abrupt;

    void request() {
        requested.countDown();
    }

    void requestAbrupt() {
        abrupt = true;
        requested.countDown();
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    boolean abrupt() {
        return abrupt;
    }

    /** Waits up to {@code d}; true when a stop was requested meanwhile. */
    boolean await(Duration d) {
        try {
            return requested.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
