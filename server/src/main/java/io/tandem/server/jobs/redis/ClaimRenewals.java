package io.tandem.server.jobs.redis;

import io.tandem.server.shared.SharedStateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the claims of this instance's running jobs fresh, every third of the visibility timeout:
 * a job that takes longer than the timeout is never taken from a worker that is alive.
 */
final class ClaimRenewals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimRenewals.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-jobs-renew");
        t.setDaemon(true);
        return t;
    });
    private final long everyMillis;

    ClaimRenewals(Duration visibility) {
        this.everyMillis = Math.max(1, visibility.toMillis() / 3);
    }

    /** Renews {@code attempt}'s claim until the returned handle is run. */
    Runnable keep(Attempt attempt) {
        ScheduledFuture<?> f = timer.scheduleWithFixedDelay(() -> renew(attempt), everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private void renew(Attempt attempt) {
        try {
            if (!attempt.lost() && !attempt.renew()) {
                LOG.debug("job {}: attempt {} could not renew its claim: another instance took the job", attempt.jobId(), attempt.number());
            }
        } catch (SharedStateUnavailableException e) {
            // Caught, or the timer would never renew this claim again. While Redis is down no claim
            // can be renewed; once it is back, the fenced writes tell whether the job is still ours.
            LOG.debug("job {}: renewing its claim failed: {}", attempt.jobId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
