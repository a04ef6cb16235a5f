package io.tandem.e2e;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.Pipelines;
import io.tandem.pipeline.task.TaskPipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JVM side of a parity check: the bundle's pipeline built straight from the files on disk. */
final class JvmPipelines {
    private JvmPipelines() {
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
