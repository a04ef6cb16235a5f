package io.tandem.e2e;

import io.tandem.server.ServerConfig;
import io.tandem.server.TandemServer;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real server, pages and bundles, started in-process on a free port. */
public final class E2eServer implements AutoCloseable {
    private final TandemServer server;

    public E2eServer() {
        this(modelsDir(), 0);
    }

    /** A server on the bundles in {@code models}, on {@code port} (0: a free one): a restart on the same port keeps the origin, so the browser's storage and service worker still apply. */
    public E2eServer(Path models, int port) {
        this.server = TandemServer.create(ServerConfig.forModels(models));
        server.app().start(port);
    }

    public int port() {
        return server.app().port();
    }

    public static Path modelsDir() {
        Path dir = Path.of(System.getProperty("tandem.models", "../models")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("mnist-cnn/model.onnx"))) {
            throw new IllegalStateException("model bundles are not built in " + dir + ": run `mvn -pl models -am install` first");
        }
        return dir;
    }

    public String url(String path) {
        return "http://localhost:" + server.app().port() + path;
    }

    public TandemServer server() {
        return server;
    }

    @Override
    public void close() {
        server.app().stop();
    }
}
