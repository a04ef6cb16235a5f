package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.BigInt64Array;
import org.teavm.jso.typedarrays.Float32Array;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What {@code load} resolves to: {@code predict}, {@code prepare}, {@code close}, and the
 * {@code manifest}, {@code device} and {@code id} properties. Predictions run one at a time in the
 * order they were asked for (a session runs one inference at a time).
 */
public final class TandemModel {
    private final Manifest manifest;
    private final JSObject manifestJs;
    private final Device device;
    private final Runner runner;
    private final Loader loader;
    /** Built on first use for the server device, which needs it only for {@code prepare}. */
    private TaskPipeline pipeline;
    /** Settles after the last queued job; never rejects. */
    private JSPromise<JSObject> tail = JSPromise.resolve(null);
    private boolean closed;

    TandemModel(Manifest manifest, JSObject manifestJs, Device device, TaskPipeline pipeline, Runner runner, Loader loader) {
        this.manifest = manifest;
        this.manifestJs = manifestJs;
        this.device = device;
        this.pipeline = pipeline;
        this.runner = runner;
        this.loader = loader;
    }

    /** The model's id. */
    @JSExport
    @JSProperty
    public String getId() {
        return manifest.id();
    }

    /** The bundle's manifest as parsed JSON. */
    @JSExport
    @JSProperty
    public JSObject getManifest() {
        return manifestJs;
    }

    /** Where predictions run: {@code wasm}, {@code webgpu} or {@code server}. */
    @JSExport
    @JSProperty
    public String getDevice() {
        return device.wireName();
    }

    /** Resolves to {@code {output, device, ms}} (the server adds {@code serverMs} and {@code modelVersion}). */
    @JSExport
    public JSPromise<JSObject> predict(JSObject input) {
        return enqueue(() -> {
            checkOpen();
            double start = Js.now();
            ModelInput modelInput = Inputs.from(input, manifest.task().inputKind());
            JSObject result = runner.predict(modelInput);
            double ms = Math.round((Js.now() - start) * 100) / 100.0;
            return Js.result(result, device.wireName(), ms);
        });
    }

    /**
     * Resolves to the tensors the shared pipeline makes from the input, by model input name:
     * {@code {dtype, dims, data}} with a {@code Float32Array} or {@code BigInt64Array} of its own.
     */
    @JSExport
    public JSPromise<JSObject> prepare(JSObject input) {
        return Async.call(() -> {
            checkOpen();
            ModelInput modelInput = Inputs.from(input, manifest.task().inputKind());
            return preparedToJs(pipeline().preprocess(modelInput));
        });
    }

    /** Releases the model once the predictions already asked for are done. */
    @JSExport
    public JSPromise<JSObject> close() {
        if (closed) {
            return tail;
        }
        closed = true;
        return enqueue(() -> {
            runner.close();
            return null;
        });
    }

    private TaskPipeline pipeline() {
        if (pipeline == null) {
            pipeline = loader.pipeline(manifest);
        }
        return pipeline;
    }

    private void checkOpen() {
        if (closed) {
            throw new TandemException("closed", "model '" + manifest.id() + "' is closed");
        }
    }

    private JSPromise<JSObject> enqueue(Callable<JSObject> job) {
        JSPromise<JSObject> result = tail.flatThen(ignored -> Async.call(job));
        tail = result.then(value -> null, error -> null);
        return result;
    }

    static JSObject preparedToJs(Prepared prepared) {
        JSObject out = Js.newObject();
        for (Map.Entry<String, Tensor> e : prepared.feeds().entrySet()) {
            Tensor t = e.getValue();
            JSObject entry = Js.newObject();
            Js.put(entry, "dtype", t.dtype().wireName());
            Js.put(entry, "dims", Js.numberArray(t.shape()));
            switch (t.dtype()) {
                case FLOAT32:
                    Js.put(entry, "data", Float32Array.copyFromJavaArray(t.floats()));
                    break;
                case INT64:
                    Js.put(entry, "data", BigInt64Array.copyFromJavaArray(t.longs()));
                    break;
                default:
                    throw new IllegalStateException("the pipeline made a " + t.dtype().wireName() + " tensor");
            }
            Js.put(out, e.getKey(), entry);
        }
        return out;
    }
}
