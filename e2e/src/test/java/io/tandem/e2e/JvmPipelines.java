package io.tandem.e2e;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.Pipelines;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.Bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM side of a parity check: the bundle's pipeline built straight from the files on disk, and
 * the server's model code (pipeline + onnxruntime Java) on any one variant of it.
 */
final class JvmPipelines {
    private JvmPipelines() {
    }

    /** onnxruntime Java (1 thread) on the named variant's file, inside the same pipeline the server runs. */
    static ServerModel model(String id, String variant) {
        Bundle bundle = Bundle.open(E2eServer.modelsDir().resolve(id));
        return ServerModel.open(bundle, bundle.manifest().variant(variant), 1);
    }

    static TaskPipeline forModel(String id) {
        Path dir = E2eServer.modelsDir().resolve(id);
        try {
            Manifest manifest = Manifest.parse(Files.readString(dir.resolve("manifest.json")));
            return Pipelines.forBundle(manifest, path -> {
                try {
                    return Files.readString(dir.resolve(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
