package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
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
    /** What the load found; its chain moves the model on when the device fails while running. */
    private final LoadedModel loaded;
    private Device device;
    private Runner runner;
    /** Built on first use for the server device, which needs it only for {@code prepare}. */
    private TaskPipeline pipeline;
    /** Settles after the last queued job; never rejects. */
    private JSPromise<JSObject> tail = JSPromise.resolve(null);
    /** Jobs asked for and not yet settled. */
    private int queued;
    private boolean closed;
    /** The {@code shareStats} option's counts; null when off or when the bundle has no drift reference. */
    private final StatsSharing stats;

    TandemModel(LoadedModel loaded, DeviceChain.Opened opened) {
        this.loaded = loaded;
        this.manifest = loaded.manifest;
        this.device = opened.device;
        this.pipeline = opened.pipeline;
        this.runner = opened.runner;
        this.stats = loaded.options.shareStats()
                ? StatsSharing.create(manifest, pipeline, loaded.options.endpoints(), loaded.options.shareStatsEvery()) : null;
        observeInputs();
        showFacts();
    }

    /**
     * What {@code console.log(model)} and {@code JSON.stringify(model)} show: own, enumerable,
     * read-only properties {@code id, version, task, device, variant, threads, storage, reason}
     * (refreshed after a fallback), while TeaVM's minified fields are made non-enumerable.
     */
    private void showFacts() {
        String facts = String.join("\u0000", "id", getId(), "version", manifest.version(), "task", manifest.task().wireName(),
                "device", getDevice(), "variant", String.valueOf(getVariant()), "storage", getStorage(), "reason", getReason());
        showFacts(this, facts, device.runsInPage() ? loaded.opener.threadsUsed() : 0, toString());
    }

    /** TeaVM gives a Java object's {@code String()} as {@code <java_object>@…}: the model's own {@code toString} says what it is. */
    @JSBody(params = {"model", "facts", "threads", "text"}, script = ""
            + "Object.defineProperty(model, 'toString', {value: function () { return text; }, enumerable: false, writable: false, configurable: true});"
            + "Object.keys(model).forEach(function (field) { Object.defineProperty(model, field, {enumerable: false}); });"
            + "var parts = facts.split('\\u0000');"
            + "for (var ix = 0; ix + 1 < parts.length; ix += 2) {"
            + "  var value = parts[ix + 1] === 'null' && parts[ix] === 'variant' ? null : parts[ix + 1];"
            + "  Object.defineProperty(model, parts[ix], {value: value, enumerable: true, writable: false, configurable: true});"
            + "  if (parts[ix] === 'variant') Object.defineProperty(model, 'threads', {value: threads, enumerable: true, writable: false, configurable: true});"
            + "}")
    private static native void showFacts(Object model, String facts, int threads, String text);

    /** {@code String(model)}: "TandemModel mnist-cnn@1.0.0 on wasm (int8)". */
    @Override
    public String toString() {
        String variant = getVariant();
        return "TandemModel " + manifest.id() + "@" + manifest.version() + " on " + device.wireName() + (variant == null ? "" : " (" + variant + ")")
                + (closed ? ", closed" : "");
    }

    /**
     * Drift statistics of on-device predictions only, from the tensors the runner already made:
     * the server counts the inputs it gets itself.
     */
    private void observeInputs() {
        if (stats != null) {
            runner.observeInputs(stats::measure);
        }
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
        return loaded.manifestJs;
    }

    /** Where predictions run: {@code wasm}, {@code webgpu} or {@code server}. */
    @JSExport
    @JSProperty
    public String getDevice() {
        return device.wireName();
    }

    /** The manifest variant it runs, e.g. {@code 'int8'} (the {@code variant} option, else the device's default). */
    @JSExport
    @JSProperty
    public String getVariant() {
        return loaded.variants.nameFor(device);
    }

    /** Why the model runs where it does (the routing decision, and any fallback). */
    @JSExport
    @JSProperty
    public String getReason() {
        return loaded.chain.reason();
    }

    /** The devices that failed before this one, each as {@code "<device> failed: <message>"}; empty when none. */
    @JSExport
    @JSProperty
    public JSObject getFallbacks() {
        return Js.stringArray(loaded.chain.fallbacks());
    }

    /** What the capability probe found (see {@code probe()}). */
    @JSExport
    @JSProperty
    public JSObject getCapabilities() {
        return loaded.capabilities;
    }

    /**
     * Where the model's files are kept: {@code 'cache'} (Cache Storage, survives reloads),
     * {@code 'memory'} (not stored: quota exceeded or no Cache API; see {@code notes}) or
     * {@code 'none'} (server: no model file in the page).
     */
    @JSExport
    @JSProperty
    public String getStorage() {
        ModelStore store = loaded.store;
        return store.networkBytes() + store.cacheBytes() == 0 ? "none" : store.storage();
    }

    /** Sentences about storage and the network worth showing a person (quota, eviction, offline). */
    @JSExport
    @JSProperty
    public JSObject getNotes() {
        java.util.List<String> notes = new java.util.ArrayList<>(loaded.store.notes());
        if (loaded.offline) {
            notes.add(0, "offline: the manifest came from storage");
        }
        return Js.stringArray(notes);
    }

    /**
     * {@code {ms, networkBytes, cacheBytes, offline, threads, worker, phases}}: how long {@code load} took,
     * bytes downloaded and read from the cache, whether the manifest came from storage, the WASM
     * threads and proxy-worker setting asked of ONNX Runtime Web, and where the time went
     * ({@code [{name, start, ms}]}, {@link LoadPhases}).
     */
    @JSExport
    @JSProperty
    public JSObject getLoadInfo() {
        JSObject info = Js.newObject();
        Js.put(info, "ms", loaded.ms);
        Js.put(info, "networkBytes", loaded.store.networkBytes());
        Js.put(info, "cacheBytes", loaded.store.cacheBytes());
        Js.putBoolean(info, "offline", loaded.offline);
        Js.put(info, "threads", device.runsInPage() ? loaded.opener.threadsUsed() : 0);
        Js.putBoolean(info, "worker", loaded.opener.worker() && device == Device.WASM);
        JSArray<JSObject> phases = new JSArray<>();
        for (LoadPhases.Phase p : loaded.phases) {
            JSObject phase = Js.newObject();
            Js.put(phase, "name", p.name());
            Js.put(phase, "start", p.start());
            Js.put(phase, "ms", p.ms());
            phases.push(phase);
        }
        Js.put(info, "phases", phases);
        return info;
    }

    /**
     * {@code {every, sent, pending}} when {@code shareStats} is on and the bundle has a drift
     * reference: reports sent and on-device predictions counted but not yet reported; else null.
     */
    @JSExport
    @JSProperty
    public JSObject getShareStats() {
        return stats == null ? null : stats.describe();
    }

    /**
     * Resolves to {@code {output, device, ms}} (the server adds {@code serverMs} and {@code modelVersion}).
     * When the device fails while running and the model may fall back, the prediction is run again
     * on the next device and the result carries {@code fallback} (what failed).
     */
    @JSExport
    public JSPromise<JSObject> predict(JSObject input) {
        return enqueue(() -> {
            checkOpen();
            double start = Js.now();
            ModelInput modelInput = Inputs.from(input, manifest.task().inputKind());
            return run(modelInput, start, null);
        });
    }

    /**
     * One try on the current device, chained on promises (no green thread); a {@code runtime}
     * failure moves the model along the chain and tries again there.
     */
    private JSPromise<JSObject> run(ModelInput input, double start, String fellBack) {
        return Async.start(() -> runner.predict(input)).flatThen(
                result -> JSPromise.resolve(finish(result, start, fellBack)),
                error -> {
                    if (!"runtime".equals(Async.codeOf(error)) || !loaded.chain.canFallBack()) {
                        return JSPromise.reject(error);
                    }
                    Device from = device;
                    String message = Async.messageOf(error);
                    // Opening the next device downloads and awaits: a green thread, once per fallback.
                    JSPromise<JSObject> moved = Async.call(() -> {
                        moveTo(loaded.chain.fallBack(new TandemException("runtime", message)));
                        return null;
                    });
                    return moved.flatThen(ignored -> run(input, start,
                            from.wireName() + " failed (" + message + "); ran on " + device.wireName()));
                });
    }

    private void moveTo(DeviceChain.Opened next) {
        runner.close();
        runner = next.runner;
        device = next.device;
        if (next.pipeline != null) {
            pipeline = next.pipeline;
        }
        observeInputs();
        showFacts();
    }

    private JSObject finish(JSObject result, double start, String fellBack) {
        double ms = Math.round((Js.now() - start) * 100) / 100.0;
        JSObject out = Js.result(result, device.wireName(), ms);
        if (fellBack != null) {
            Js.put(out, "fallback", fellBack);
        }
        return out;
    }

    /**
     * Resolves to the tensors the shared pipeline makes from the input, by model input name:
     * {@code {dtype, dims, data}} with a {@code Float32Array} or {@code BigInt64Array} of its own.
     */
    @JSExport
    public JSPromise<JSObject> prepare(JSObject input) {
        Callable<JSObject> job = () -> {
            checkOpen();
            ModelInput modelInput = Inputs.from(input, manifest.task().inputKind());
            return preparedToJs(pipeline().preprocess(modelInput));
        };
        // Preprocessing awaits nothing once the pipeline exists (building it may fetch a vocabulary).
        return pipeline != null ? Async.now(job) : Async.call(job);
    }

    /** Releases the model once the predictions already asked for are done. */
    @JSExport
    public JSPromise<JSObject> close() {
        if (closed) {
            return tail;
        }
        closed = true;
        showFacts();
        return enqueue(() -> {
            if (stats != null) {
                stats.flush();
            }
            runner.close();
            return JSPromise.resolve(null);
        });
    }

    private TaskPipeline pipeline() {
        if (pipeline == null) {
            pipeline = loaded.opener.pipeline();
        }
        return pipeline;
    }

    private void checkOpen() {
        if (closed) {
            throw new TandemException("closed", "model '" + manifest.id() + "' is closed");
        }
    }

    /**
     * Runs {@code job} after the jobs already queued, or right away on the caller's turn when none
     * is (so a prediction's preprocessing runs before {@code predict} returns).
     */
    private JSPromise<JSObject> enqueue(Callable<JSPromise<JSObject>> job) {
        JSPromise<JSObject> result = queued == 0 ? Async.start(job) : tail.flatThen(ignored -> Async.start(job));
        queued++;
        tail = result.then(value -> settled(), error -> settled());
        return result;
    }

    private JSObject settled() {
        queued--;
        return null;
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
