package io.tandem.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built bundles are: the models module builds them before the server's tests run. */
public final class TestModels {
    private TestModels() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("tandem.models", "../models")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("mnist-cnn/model.onnx")) || !Files.isRegularFile(dir.resolve("minilm-l6-v2/model.onnx"))) {
            throw new IllegalStateException("model bundles are not built in " + dir + ": run `mvn -pl models -am install` first");
        }
        return dir;
    }
}
