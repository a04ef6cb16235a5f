package io.tandem.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class with one cluster for all its tests (starting Redis, servers and nginx takes
 * seconds): the subclass starts it in its {@code @BeforeAll}; it is stopped here, and its logs are
 * printed when a test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ClusterLogsOnFailure.class)
abstract class ClusterTestBase implements ClusterLogsOnFailure.UsesCluster {
    protected Cluster cluster;

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public Cluster cluster() {
        return cluster;
    }
}
