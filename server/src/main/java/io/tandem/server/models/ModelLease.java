package io.tandem.server.models;

import io.tandem.server.inference.ServerModel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's (or job's) hold on the model version it was routed to: while any lease is open
 * the version stays loaded, even after a promote or rollback took it out of traffic.
 */
public final class ModelLease implements AutoCloseable {
    private final LoadedVersion version;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelLease(LoadedVersion version) {
        this.version = version;
    }

    public ServerModel model() {
        return version.model();
    }

    /** Lets go of the version; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            version.release();
        }
    }
}
