package io.tandem.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every instance's log and nginx's when a test fails: what a server said is
 * usually why, and the processes are gone by the time anyone looks.
 */
final class ClusterLogsOnFailure implements TestWatcher {
    /** A test class whose cluster's logs are printed on failure. */
    interface UsesCluster {
        Cluster cluster();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getTestInstance()
                .filter(UsesCluster.class::isInstance)
                .map(t -> ((UsesCluster) t).cluster())
                .ifPresent(c -> System.err.println("=== " + context.getDisplayName() + " failed; the cluster's logs ===\n" + c.logs()));
    }
}
