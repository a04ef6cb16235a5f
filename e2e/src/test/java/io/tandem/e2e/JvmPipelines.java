package io.tandem.e2e;

import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.Tasks;
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
        return model(E2eServer.modelsDir().resolve(id), variant);
    }

    /** The same for a bundle in any folder (one a test made). */
    static ServerModel model(Path dir, String variant) {
        Bundle bundle = Bundle.open(dir);
        return ServerModel.open(bundle, bundle.manifest().variant(variant), 1);
    }

    /**
     * The converter's ONNX Runtime Web engine (the wasm build the server serves, in Node.js, 1 thread) on the
     * named variant's file, inside the JVM pipeline: the browser's engine without the browser.
     */
    static OrtWebPipeline web(String id, String variant) {
        Path dir = E2eServer.modelsDir().resolve(id);
        Bundle bundle = Bundle.open(dir);
        try {
            byte[] model = Files.readAllBytes(dir.resolve(bundle.manifest().variant(variant).file().path()));
            return new OrtWebPipeline(forModel(id), Engine.WEB.open(model, id + " " + variant));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pipeline and a model in ORT Web: predict as the browser does, on the JVM. */
    static final class OrtWebPipeline implements AutoCloseable {
        private final TaskPipeline pipeline;
        private final ModelRunner model;

        OrtWebPipeline(TaskPipeline pipeline, ModelRunner model) {
            this.pipeline = pipeline;
            this.model = model;
        }

        Object predict(ModelInput input) {
            Prepared p = pipeline.preprocess(input);
            return pipeline.postprocess(p, model.run(p.feeds()));
        }

        @Override
        public void close() {
            model.close();
        }
    }

    static TaskPipeline forModel(String id) {
        return forBundle(E2eServer.modelsDir().resolve(id));
    }

    /** The pipeline of the bundle in {@code dir}, from its manifest and files. */
    static TaskPipeline forBundle(Path dir) {
        try {
            Manifest manifest = Manifest.parse(Files.readString(dir.resolve("manifest.json")));
            return Tasks.open(manifest, path -> {
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
