package io.tandem.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that talks to the app with default settings and the built bundles, started once per class. */
abstract class DefaultServerTest {
    protected static RunningServer server;

    @BeforeAll
    static void startServer() {
        server = RunningServer.withTestModels();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
