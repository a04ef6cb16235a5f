package io.tandem.server.inference;

import ai.onnxruntime.OrtException;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.server.ServerConfig;
import io.tandem.server.models.ModelRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Server-side prediction for every loaded model: preprocess on the caller's thread, run through the
 * model's {@link Batcher}, postprocess the caller's row on the caller's thread.
 */
public final class Predictor implements AutoCloseable {
    /** Told about every input the server prepared, before it runs (drift statistics listen here). */
    public interface InputListener {
        void onPrepared(ServerModel model, Prepared prepared);

        InputListener NONE = (model, prepared) -> { };
    }

    private final Map<String, Batcher> batchers = new LinkedHashMap<>();
    private final InputListener inputs;

    public Predictor(ModelRegistry registry, ServerConfig.Inference config, Function<ServerModel, Batcher.Listener> listeners) {
        this(registry, config, listeners, InputListener.NONE);
    }

    public Predictor(ModelRegistry registry, ServerConfig.Inference config, Function<ServerModel, Batcher.Listener> listeners,
                     InputListener inputs) {
        this.inputs = inputs;
        for (ServerModel model : registry.all()) {
            batchers.put(model.manifest().id(), new Batcher(model, config, listeners.apply(model)));
        }
    }

    /** The JSON-ready result, the same as {@link ServerModel#predict} gives for this input alone. */
    public Object predict(ServerModel model, ModelInput input) throws OrtException {
        Prepared prepared = model.pipeline().preprocess(input);
        inputs.onPrepared(model, prepared);
        Batcher.Row row = batcher(model).run(prepared);
        return model.pipeline().postprocess(row.prepared(), row.outputs());
    }

    public int queueDepth(ServerModel model) {
        return batcher(model).queueDepth();
    }

    private Batcher batcher(ServerModel model) {
        Batcher b = batchers.get(model.manifest().id());
        if (b == null) {
            throw new IllegalStateException("model " + model.manifest().id() + " has no inference queue");
        }
        return b;
    }

    @Override
    public void close() {
        for (Batcher b : batchers.values()) {
            b.close();
        }
    }
}
