package io.tandem.client;

import io.tandem.client.browser.Download;
import io.tandem.client.browser.Js;
import io.tandem.client.browser.Probe;
import io.tandem.client.ort.InferenceSession;
import io.tandem.client.ort.Ort;
import io.tandem.client.ort.OrtEnv;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.TaskPipeline;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.json.JSON;
import org.teavm.jso.typedarrays.Uint8Array;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code load(id, options)}: fetch and check the manifest, probe the browser, plan the device
 * chain ({@link Router}), then open the model on the first device of the chain that works,
 * falling back along it. Keeps the chain so that a model whose device fails while running can move
 * on ({@link #fallBack}). Runs in a green thread (it awaits).
 */
final class Loader {
    private final String modelId;
    private final LoadOptions options;
    private final Endpoints endpoints;
    private final List<String> fallbacks = new ArrayList<>();
    private Manifest manifest;
    private ModelStore store;
    private Probe.Capabilities capabilities;
    private List<Device> chain;
    private int at;
    private String reason;
    private boolean offline;
    private boolean worker;
    private int threadsUsed = 1;

    Loader(String modelId, LoadOptions options) {
        this.modelId = Endpoints.checkId(modelId);
        this.options = options;
        this.endpoints = options.endpoints();
    }

    TandemModel load() {
        double start = Js.now();
        ModelStore.ManifestText text = ModelStore.manifest(modelId, endpoints);
        offline = text.offline;
        manifest = parse(text.text, endpoints.manifest(modelId));
        JSObject manifestJs = JSON.parse(text.text);
        checkAskedVariant();
        capabilities = Async.await(Probe.run(), "internal", "probing the browser");
        boolean fallback = options.fallback(options.device() == Device.AUTO);
        Router.Plan plan = Router.plan(options.device(), fallback, snapshot(capabilities), variantDevices(), failedBefore());
        // auto measures its choice once per device and model version, then remembers it.
        boolean measure = options.device() == Device.AUTO;
        if (measure && !options.simulatesAnything()) {
            Router.Plan resumed = remembered(plan);
            // Offline, a remembered server cannot answer: decide afresh among what runs here.
            if (resumed != null && !(offline && resumed.chain().get(0) == Device.SERVER)) {
                plan = resumed;
                measure = false;
            }
        }
        chain = plan.chain();
        reason = plan.reason();
        Download.Progress progress = Download.progress(options.onProgress(), bytesToFetch(chain.get(0)));
        store = new ModelStore(modelId, manifest.version(), endpoints, progress);
        Opened opened;
        try {
            opened = openFrom(0);
            if (measure) {
                opened = warmUp(opened);
            }
        } finally {
            store.finishStoring();
        }
        store.evictOtherVersions();
        double ms = Math.round((Js.now() - start) * 100) / 100.0;
        return new TandemModel(manifest, manifestJs, opened.device, opened.pipeline, opened.runner, this, ms);
    }

    /**
     * Times a few predictions of the cheapest input on each in-page device {@code auto} opens and
     * moves down the chain past one that is far over its budget ({@link WarmUp}); the outcome goes
     * into {@link #reason()} and is remembered for this device and model version.
     */
    private Opened warmUp(Opened opened) {
        double warmUpMs = Double.NaN;
        while (opened.device.runsInPage()) {
            List<Double> runs;
            try {
                runs = timeWarmUp(opened);
            } catch (TandemException e) {
                if (!"runtime".equals(e.code()) || !canFallBack()) {
                    throw e;
                }
                opened.runner.close();
                opened = fallBack(e);
                continue;
            }
            WarmUp.Verdict verdict = WarmUp.judge(opened.device, runs, !Double.isNaN(options.simulatedWarmUpMs()));
            warmUpMs = verdict.ms();
            if (!verdict.tooSlow()) {
                reason = reason + "; " + verdict.summary();
                break;
            }
            if (!canFallBack()) {
                reason = reason + "; " + verdict.summary() + ", but no device follows it";
                break;
            }
            if (offline && chain.get(at + 1) == Device.SERVER) {
                reason = reason + "; " + verdict.summary() + ", but kept: offline, the server cannot be reached";
                break;
            }
            reason = reason + "; " + verdict.summary();
            fallbacks.add(opened.device.wireName() + " too slow: " + verdict.summary());
            opened.runner.close();
            opened = openFrom(at + 1);
            warmUpMs = Double.NaN;
        }
        // An offline decision is not one to keep: online, the server may be the better choice.
        if (!options.simulatesAnything() && !offline) {
            Js.localSet(choiceKey(), new RememberedChoice(opened.device, reason, warmUpMs).encode());
            Js.localRemoveOthers(RememberedChoice.prefix(modelId), choiceKey());
        }
        return opened;
    }

    /** Warm-up runs, ms each, timed from the call to the result on the promise's turn (no green-thread delay counted). */
    private List<Double> timeWarmUp(Opened opened) {
        PageRunner runner = (PageRunner) opened.runner;
        ModelInput input = runner.sampleInput();
        List<Double> runs = new ArrayList<>();
        while (!WarmUp.enough(opened.device, runs)) {
            double start = Js.now();
            JSPromise<JSNumber> timed = Async.map(Async.start(() -> runner.warmUp(input)), result -> JSNumber.valueOf(Js.now() - start));
            double ms = Async.await(timed, "runtime", "warming up " + opened.device.wireName()).doubleValue();
            double simulated = options.simulatedWarmUpMs();
            runs.add(Double.isNaN(simulated) ? ms : simulated);
        }
        return runs;
    }

    /** The plan an earlier load in this browser chose and measured, or null when there is none to reuse. */
    private Router.Plan remembered(Router.Plan plan) {
        RememberedChoice choice = RememberedChoice.parse(Js.localGet(choiceKey()));
        return choice == null ? null : Router.remembered(plan, choice);
    }

    /** This model version on this device: user agent, cores, WASM threads and the WebGPU adapter. */
    private String choiceKey() {
        Probe.Gpu gpu = capabilities.getWebgpu();
        String fingerprint = Js.userAgent() + "|" + capabilities.getHardwareConcurrency() + "|" + capabilities.getWasm().isThreads()
                + "|" + gpu.isAdapter() + "|" + gpu.getVendor() + "|" + gpu.getArchitecture() + "|" + gpu.isFallbackAdapter();
        return RememberedChoice.key(modelId, manifest.version(), fingerprint);
    }

    /** A device opened: where, the runner, and the pipeline (null for the server until asked for). */
    static final class Opened {
        final Device device;
        final Runner runner;
        final TaskPipeline pipeline;

        Opened(Device device, Runner runner, TaskPipeline pipeline) {
            this.device = device;
            this.runner = runner;
            this.pipeline = pipeline;
        }
    }

    /** Whether a failure of the current device while running may move the model along the chain. */
    boolean canFallBack() {
        return at + 1 < chain.size();
    }

    /** The device after the current one that opens, after {@code failure} on the current one. */
    Opened fallBack(TandemException failure) {
        Device failed = chain.get(at);
        noteFailure(failed, failure);
        return openFrom(at + 1);
    }

    private Opened openFrom(int from) {
        TandemException last = null;
        for (int i = from; i < chain.size(); i++) {
            Device d = chain.get(i);
            try {
                Opened opened = open(d);
                at = i;
                if (i > 0) {
                    reason = reason + "; fell back to " + d.wireName();
                }
                return opened;
            } catch (TandemException e) {
                if (!isDeviceFailure(e) || i + 1 == chain.size()) {
                    if (!fallbacks.isEmpty()) {
                        throw new TandemException(e.code(), TandemException.messageOf(e) + " (after: " + String.join("; ", fallbacks) + ")", e.status());
                    }
                    throw e;
                }
                noteFailure(d, e);
                last = e;
            }
        }
        throw last != null ? last : new TandemException("no_device", "no device could run model '" + modelId + "'");
    }

    /** Failures that another device may not have: the runtime, a missing variant. Not integrity or HTTP failures. */
    private static boolean isDeviceFailure(TandemException e) {
        String c = e.code();
        return "runtime".equals(c) || "no_variant".equals(c);
    }

    private void noteFailure(Device d, TandemException e) {
        fallbacks.add(d.wireName() + " failed: " + TandemException.messageOf(e));
        if (!options.simulates(d) && !options.simulatesRun(d) && d != Device.SERVER) {
            Set<String> failed = failedBefore();
            failed.add(d.wireName());
            Js.localSet(failedKey(), String.join(",", failed));
        }
    }

    private Opened open(Device device) {
        if (options.simulates(device)) {
            throw new TandemException("runtime", "simulated " + device.wireName() + " failure (test-only option _simulateFailure)");
        }
        if (!device.runsInPage()) {
            if (options.variant() != null) {
                variantFor(device); // the server runs its own variant: only when it is the one asked for
            }
            return new Opened(device, new ServerRunner(endpoints.predict(modelId)), null);
        }
        Variant variant = variantFor(device);
        String ortUrl = Js.absoluteUrl(endpoints.ortModule(device));
        JSPromise<Ort> ortImport = Ort.importModule(ortUrl);
        TaskPipeline pipeline = pipeline(manifest);
        String modelUrl = endpoints.bundleFile(modelId, variant.file().path());
        Uint8Array model = store.bytes(variant.file());
        Ort ort = Async.await(ortImport, "runtime", "loading ONNX Runtime Web from " + ortUrl);
        configure(ort.getEnv(), device);
        InferenceSession session = Async.await(
                Ort.createSession(ort, model, device.executionProvider()),
                "runtime", "creating the " + device.wireName() + " session for " + modelUrl);
        try {
            checkNames("input", manifest.inputs(), session.getInputNames(), modelUrl);
            checkNames("output", manifest.outputs(), session.getOutputNames(), modelUrl);
        } catch (TandemException e) {
            session.release();
            throw e;
        }
        Runner runner = new PageRunner(ort, session, pipeline, names(manifest.outputs()),
                options.simulatesRun(device) ? "simulated " + device.wireName() + " failure while running (test-only option _simulateFailure)" : null);
        return new Opened(device, runner, pipeline);
    }

    /**
     * ORT Web's settings, read before its first session only (later loads leave them): where its
     * files are, log level, threads (more than one only when the page is cross-origin isolated) and,
     * for WASM, inference in ORT's proxy worker so the page's main thread stays free.
     */
    private void configure(OrtEnv env, Device device) {
        env.getWasm().setWasmPaths(Js.absoluteUrl(endpoints.ortDir()));
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
    int threads() {
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
    TaskPipeline pipeline(Manifest manifest) {
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

    String reason() {
        return reason;
    }

    LoadOptions options() {
        return options;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    List<String> fallbacks() {
        return fallbacks;
    }

    Probe.Capabilities capabilities() {
        return capabilities;
    }

    ModelStore store() {
        return store;
    }

    boolean offline() {
        return offline;
    }

    private double bytesToFetch(Device first) {
        double total = 0;
        for (BundleFile f : manifest.files()) {
            total += f.bytes();
        }
        if (first.runsInPage()) {
            try {
                total += variantFor(first).file().bytes();
            } catch (TandemException e) {
                // No variant: the chain moves on; progress has nothing to count.
            }
        }
        return total;
    }

    private String failedKey() {
        return "tandem:failed:" + modelId + "@" + manifest.version();
    }

    private Set<String> failedBefore() {
        Set<String> out = new LinkedHashSet<>();
        String stored = Js.localGet(failedKey());
        if (stored != null && !stored.isEmpty()) {
            for (String s : stored.split(",")) {
                out.add(s);
            }
        }
        return out;
    }

    private static Router.Snapshot snapshot(Probe.Capabilities c) {
        return new Router.Snapshot(c.getWebgpu().isAdapter(), c.getWebgpu().isFallbackAdapter(),
                c.getWasm().isAvailable(), c.getWasm().isThreads());
    }

    /** Devices with a variant to run: the asked-for variant's, else those of every variant. */
    private Set<String> variantDevices() {
        Set<String> out = new HashSet<>();
        for (Variant v : manifest.variants()) {
            if (options.variant() == null || v.name().equals(options.variant())) {
                out.addAll(v.devices());
            }
        }
        return out;
    }

    /** A {@code variant} the bundle does not have is the page's mistake, not a device failure: refused before routing. */
    private void checkAskedVariant() {
        String asked = options.variant();
        if (asked == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Variant v : manifest.variants()) {
            names.add(v.name());
        }
        if (!names.contains(asked)) {
            throw new TandemException("no_variant", "bundle '" + modelId + "' has no variant '" + asked + "'; it has " + names);
        }
    }

    private Manifest parse(String text, String url) {
        Manifest parsed;
        try {
            parsed = Manifest.parse(text);
        } catch (RuntimeException e) {
            throw new TandemException("bad_bundle", url + ": " + TandemException.messageOf(e));
        }
        if (!parsed.id().equals(modelId)) {
            throw new TandemException("bad_bundle", url + ": expected id '" + modelId + "', found '" + parsed.id() + "'");
        }
        return parsed;
    }

    /**
     * The variant a device runs: the page's {@code variant} when it names that device (the server
     * only runs its own, the manifest's first for {@code server}), else the manifest's first variant
     * for the device (manifests list variants best first). {@code no_variant} otherwise, which moves
     * a fallback chain on to the next device.
     */
    private Variant variantFor(Device device) {
        String asked = options.variant();
        try {
            if (asked == null) {
                return manifest.variantFor(device.wireName());
            }
            Variant v = manifest.variant(asked);
            if (!v.supports(device.wireName())) {
                throw new TandemException("no_variant", "variant '" + asked + "' of bundle '" + modelId + "' is not meant for "
                        + device.wireName() + " (its devices: " + String.join(", ", v.devices()) + ")");
            }
            if (device == Device.SERVER && !manifest.variantFor(device.wireName()).name().equals(asked)) {
                throw new TandemException("no_variant", "the server runs variant '" + manifest.variantFor(device.wireName()).name()
                        + "' of bundle '" + modelId + "', not '" + asked + "'");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new TandemException("no_variant", e.getMessage());
        }
    }

    /** The name of the variant {@code device} runs, or null when the bundle has none for it. */
    String variantName(Device device) {
        try {
            return variantFor(device).name();
        } catch (TandemException e) {
            return null;
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
