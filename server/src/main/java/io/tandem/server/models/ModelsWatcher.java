package io.tandem.server.models;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the models folder every {@code period} ({@link ModelRegistry#rescan}) on one daemon
 * thread, a pass at a time (the next starts a period after the last one ended, however long its
 * loads took). Survives anything a pass throws: it is logged and the next pass runs. A zero period
 * means no watching: bundles are loaded at start only.
 */
public final class ModelsWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelsWatcher.class);

    private final Runnable pass;
    private final Duration period;
    private ScheduledExecutorService thread;
    private boolean closed;

    public ModelsWatcher(ModelRegistry registry, Duration period) {
        this(registry::rescan, period);
    }

    ModelsWatcher(Runnable pass, Duration period) {
        this.pass = pass;
        this.period = period;
    }

    /** Starts watching; a second call, a call after {@link #close} or a zero period does nothing. */
    public synchronized void start() {
        if (thread != null || closed || period.isZero()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-models-watcher");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, period.toMillis());
        thread.scheduleWithFixedDelay(this::runPass, ms, ms, TimeUnit.MILLISECONDS);
        LOG.info("watching the models folder for new bundles every {} ms", ms);
    }

    private void runPass() {
        try {
            pass.run();
        } catch (Throwable t) {
            // A scheduled task that throws is never run again: nothing may leave this method.
            LOG.warn("looking for new model bundles failed, trying again in {} ms: {}", period.toMillis(), t.toString());
            LOG.debug("looking for new model bundles failed", t);
        }
    }

    /** Stops watching and waits (up to 30 s) for a pass under way, so no model is added after this. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t == null) {
            return;
        }
        t.shutdown();
        try {
            if (!t.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a models folder pass is still running after 30 s; it adds nothing once the registry is closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
