package io.tandem.server.inference;

import ai.onnxruntime.OrtException;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.server.ServerConfig;
import io.tandem.server.models.ModelRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Server-side prediction for every loaded model version: preprocess on the caller's thread, run
 * through the version's {@link Batcher}, postprocess the caller's row on the caller's thread. A
 * version staged later gets its queue on its first request; {@link #release} stops it again.
 */
public final class Predictor implements AutoCloseable {
    /** Told about every input the server prepared, before it runs (drift statistics listen here). */
    public interface InputListener {
        void onPrepared(ServerModel model, Prepared prepared);

        InputListener NONE = (model, prepared) -> { };
    }

    /** One queue per loaded version (by identity: two versions of a model never share a queue). */
    private final Map<ServerModel, Batcher> batchers = new ConcurrentHashMap<>();
    private final ServerConfig.Inference config;
    private final Function<ServerModel, Batcher.Listener> listeners;
    private final InputListener inputs;
    private volatile boolean closed;

    public Predictor(ModelRegistry registry, ServerConfig.Inference config, Function<ServerModel, Batcher.Listener> listeners) {
        this(registry, config, listeners, InputListener.NONE);
    }

    public Predictor(ModelRegistry registry, ServerConfig.Inference config, Function<ServerModel, Batcher.Listener> listeners,
                     InputListener inputs) {
        this.config = config;
        this.listeners = listeners;
        this.inputs = inputs;
        for (ServerModel model : registry.all()) {
            batcher(model);
        }
    }

    /** The JSON-ready result, the same as {@link ServerModel#predict} gives for this input alone. */
    public Object predict(ServerModel model, ModelInput input) throws OrtException {
        Prepared prepared = model.pipeline().preprocess(input);
        inputs.onPrepared(model, prepared);
        Batcher.Row row = batcher(model).run(prepared);
        Object output = model.pipeline().postprocess(row.prepared(), row.outputs());
        // Checked here, the one way out of inference: neither an answer nor the cache gets a NaN.
        if (!FiniteOutputs.finite(output)) {
            throw new NonFiniteOutputException(model.manifest().id());
        }
        return output;
    }

    /** Requests waiting for any version of this model. */
    public int queueDepth(ServerModel model) {
        String id = model.manifest().id();
        int depth = 0;
        for (Map.Entry<ServerModel, Batcher> e : batchers.entrySet()) {
            if (e.getKey().manifest().id().equals(id)) {
                depth += e.getValue().queueDepth();
            }
        }
        return depth;
    }

    /**
     * Stops the queue of a version nobody uses any more and waits until its workers have left (a
     * caller that timed out may have left a run going), so the session can then close safely.
     */
    public void release(ServerModel model) {
        Batcher b = batchers.remove(model);
        if (b != null) {
            b.close();
            b.awaitStopped();
        }
    }

    private Batcher batcher(ServerModel model) {
        if (closed) {
            throw new OverloadedException("the server is shutting down", 5);
        }
        return batchers.computeIfAbsent(model, m -> new Batcher(m, config, listeners.apply(m)));
    }

    @Override
    public void close() {
        closed = true;
        for (Batcher b : batchers.values()) {
            b.close();
        }
    }
}
