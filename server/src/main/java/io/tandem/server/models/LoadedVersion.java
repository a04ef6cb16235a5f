package io.tandem.server.models;

import io.tandem.server.inference.ServerModel;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One loaded version of a model with a count of who holds it: the rollout holds one reference while
 * the version is stable, candidate or previous, and every request or job in flight holds one more.
 * The last release hands the version over to be closed, so its session never closes under a run.
 */
final class LoadedVersion {
    private final ServerModel model;
    private final Instant loadedAt = Instant.now();
    private final AtomicInteger references = new AtomicInteger(1);
    private final Consumer<LoadedVersion> drained;

    LoadedVersion(ServerModel model, Consumer<LoadedVersion> drained) {
        this.model = model;
        this.drained = drained;
    }

    ServerModel model() {
        return model;
    }

    String version() {
        return model.manifest().version();
    }

    Instant loadedAt() {
        return loadedAt;
    }

    /** Takes a reference unless the version has already been let go by everyone. */
    boolean tryAcquire() {
        for (int n = references.get(); n > 0; n = references.get()) {
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            drained.accept(this);
        }
    }

    /** References held by requests and jobs (the rollout's own, while it has one, not counted). */
    int inFlight(boolean heldByRollout) {
        return Math.max(0, references.get() - (heldByRollout ? 1 : 0));
    }
}
