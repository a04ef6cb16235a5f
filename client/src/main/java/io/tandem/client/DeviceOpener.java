package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.client.browser.Probe;
import io.tandem.client.ort.InferenceSession;
import io.tandem.client.ort.Ort;
import io.tandem.client.ort.OrtEnv;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.TaskPipeline;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Uint8Array;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a model on one device in the browser: for WASM and WebGPU the bundle's files (through the
 * {@link ModelStore}), the pipeline, ONNX Runtime Web and a session checked against the manifest;
 * for the server, a {@link ServerRunner}. Awaits (a green thread).
 */
final class DeviceOpener implements DeviceChain.Opener {
    private final String modelId;
    private final Manifest manifest;
    private final LoadOptions options;
    private final VariantChoice variants;
    private final ModelStore store;
    private final Probe.Capabilities capabilities;
    private final LoadPhases phases;
    private boolean worker;
    private int threadsUsed = 1;

    DeviceOpener(String modelId, Manifest manifest, LoadOptions options, VariantChoice variants, ModelStore store, Probe.Capabilities capabilities,
                 LoadPhases phases) {
        this.modelId = modelId;
        this.manifest = manifest;
        this.options = options;
        this.variants = variants;
        this.store = store;
        this.capabilities = capabilities;
        this.phases = phases;
    }

    @Override
    public DeviceChain.Opened open(Device device) {
        if (options.simulates(device)) {
            throw new TandemException("runtime", "simulated " + device.wireName() + " failure (test-only option _simulateFailure)");
        }
        Endpoints endpoints = options.endpoints();
        if (!device.runsInPage()) {
            if (variants.asked()) {
                variants.forDevice(device); // the server runs its own variant: only when it is the one asked for
            }
            return new DeviceChain.Opened(device, new ServerRunner(endpoints.predict(modelId)), null);
        }
        Variant variant = variants.forDevice(device);
        String ortUrl = Js.absoluteUrl(endpoints.ortModule(device));
        // ONNX Runtime Web starts (import, worker, WASM download and compile) while the files download.
        double importBegan = phases.begin();
        JSPromise<Ort> imported = Async.map(Ort.importModule(ortUrl), ort -> {
            phases.end("runtime import", importBegan);
            configure(ort.getEnv(), device);
            return ort;
        });
        double[] backendBegan = new double[1];
        JSPromise<Ort> started = Async.map(Ort.startBackend(Async.map(imported, ort -> {
            backendBegan[0] = phases.begin();
            return ort;
        }), device.executionProvider()), ort -> {
            phases.end("runtime start", backendBegan[0]);
            return ort;
        });
        String modelUrl = endpoints.bundleFile(modelId, variant.file().path());
        double modelBegan = phases.begin();
        Parallel<Uint8Array> modelFile = Parallel.start(() -> {
            Uint8Array bytes = store.bytes(variant.file());
            phases.end("model file", modelBegan);
            return bytes;
        });
        double textsBegan = phases.begin();
        TaskPipeline pipeline = pipeline();
        phases.end("text files + pipeline", textsBegan);
        Uint8Array model = modelFile.join();
        Ort ort = Async.await(started, "runtime", "loading ONNX Runtime Web from " + ortUrl);
        double sessionBegan = phases.begin();
        InferenceSession session = Async.await(
                Ort.createSession(ort, model, device.executionProvider()),
                "runtime", "creating the " + device.wireName() + " session for " + modelUrl);
        phases.end(device.wireName() + " session", sessionBegan);
        try {
            checkNames("input", manifest.inputs(), session.getInputNames(), modelUrl);
            checkNames("output", manifest.outputs(), session.getOutputNames(), modelUrl);
        } catch (TandemException e) {
            session.release();
            throw e;
        }
        Runner runner = new PageRunner(ort, session, pipeline, names(manifest.outputs()),
                options.simulatesRun(device) ? "simulated " + device.wireName() + " failure while running (test-only option _simulateFailure)" : null);
        return new DeviceChain.Opened(device, runner, pipeline);
    }

    /**
     * ORT Web's settings, read before its first session only (later loads leave them): where its
     * files are, log level, threads (more than one only when the page is cross-origin isolated) and,
     * for WASM, inference in ORT's proxy worker so the page's main thread stays free.
     */
    private void configure(OrtEnv env, Device device) {
        env.getWasm().setWasmPaths(Js.absoluteUrl(options.endpoints().ortDir()));
        // ORT's warnings (which nodes fell back to the CPU …) are noise in a page's console.
        env.setLogLevel("error");
        env.getWasm().setNumThreads(threads());
        if (device == Device.WASM) {
            env.getWasm().setProxy(options.worker());
        }
        worker = device == Device.WASM && env.getWasm().getProxy();
        threadsUsed = env.getWasm().getNumThreads();
    }

    /** Whether inference runs in ORT Web's proxy worker (off the main thread). */
    boolean worker() {
        return worker;
    }

    /** The WASM threads ORT Web was given (its setting, read back). */
    int threadsUsed() {
        return threadsUsed;
    }

    /** WASM threads: the page's choice, else min(4, cores) when cross-origin isolated, else 1. */
    private int threads() {
        int asked = options.threads();
        if (!capabilities.getWasm().isThreads()) {
            return 1;
        }
        if (asked > 0) {
            return asked;
        }
        return Math.max(1, Math.min(4, capabilities.getHardwareConcurrency()));
    }

    /** The shared pipeline, with every text file the manifest lists fetched (and checked) first. */
    TaskPipeline pipeline() {
        Map<String, String> texts = new HashMap<>();
        for (BundleFile f : manifest.files()) {
            texts.put(f.path(), store.text(f));
        }
        try {
            return Tasks.open(manifest, path -> {
                String text = texts.get(path);
                if (text == null) {
                    throw new IllegalArgumentException("bundle '" + modelId + "' lists no file '" + path + "' in its manifest");
                }
                return text;
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new TandemException("bad_bundle", "bundle '" + modelId + "': " + TandemException.messageOf(e));
        }
    }

    private static void checkNames(String what, List<TensorSpec> specs, JSArrayReader<JSString> actual, String url) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < actual.getLength(); i++) {
            found.add(actual.get(i).stringValue());
        }
        for (TensorSpec s : specs) {
            if (!found.contains(s.name())) {
                throw new TandemException("bad_bundle", url + ": expected " + what + " '" + s.name() + "', found " + found);
            }
        }
    }

    private static List<String> names(List<TensorSpec> specs) {
        List<String> out = new ArrayList<>();
        for (TensorSpec s : specs) {
            out.add(s.name());
        }
        return out;
    }
}
