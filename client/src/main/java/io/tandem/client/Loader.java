package io.tandem.client;

import io.tandem.client.browser.Download;
import io.tandem.client.browser.Js;
import io.tandem.client.browser.Probe;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.ModelInput;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.json.JSON;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code load(id, options)}: fetch and check the manifest, choose the variants
 * ({@link VariantChoice}), probe the browser, plan the device chain ({@link Router}, with what
 * {@link DeviceMemory} remembers), open the model along it ({@link DeviceChain} with a
 * {@link DeviceOpener}), and for {@code auto} time a warm-up ({@link WarmUp}) and remember the
 * choice. Runs in a green thread (it awaits); what it found is handed on as a {@link LoadedModel}.
 */
final class Loader {
    private final String modelId;
    private final LoadOptions options;

    Loader(String modelId, LoadOptions options) {
        this.modelId = Endpoints.checkId(modelId);
        this.options = options;
    }

    TandemModel load() {
        LoadPhases phases = new LoadPhases(Js::now);
        Endpoints endpoints = options.endpoints();
        double manifestBegan = phases.begin();
        ModelStore.ManifestText text = ModelStore.manifest(modelId, endpoints);
        phases.end("manifest", manifestBegan);
        boolean offline = text.offline;
        Manifest manifest = parse(text.text, endpoints.manifest(modelId));
        JSObject manifestJs = JSON.parse(text.text);
        VariantChoice variants = new VariantChoice(modelId, manifest, options.variant());
        double probeBegan = phases.begin();
        Probe.Capabilities capabilities = Async.await(Probe.run(), "internal", "probing the browser");
        phases.end("probe", probeBegan);
        DeviceMemory memory = new DeviceMemory(LOCAL_STORAGE, modelId, manifest.version(), fingerprint(capabilities),
                d -> options.simulates(d) || options.simulatesRun(d));
        boolean fallback = options.fallback(options.device() == Device.AUTO);
        Router.Plan plan = Router.plan(options.device(), fallback, snapshot(capabilities), variants.devices(), memory.failedBefore());
        // auto measures its choice once per device and model version, then remembers it.
        boolean measure = options.device() == Device.AUTO;
        if (measure && !options.simulatesAnything()) {
            RememberedChoice choice = memory.choice();
            Router.Plan resumed = choice == null ? null : Router.remembered(plan, choice);
            // Offline, a remembered server cannot answer: decide afresh among what runs here.
            if (resumed != null && !(offline && resumed.chain().get(0) == Device.SERVER)) {
                plan = resumed;
                measure = false;
            }
        }
        Download.Progress progress = Download.progress(options.onProgress(), bytesToFetch(manifest, variants, plan.chain().get(0)));
        ModelStore store = new ModelStore(modelId, manifest.version(), endpoints, progress);
        DeviceOpener opener = new DeviceOpener(modelId, manifest, options, variants, store, capabilities, phases);
        DeviceChain chain = new DeviceChain(modelId, plan, opener, memory);
        DeviceChain.Opened opened;
        try {
            opened = chain.openFirst();
            if (measure) {
                double warmUpBegan = phases.begin();
                opened = warmUp(chain, opened, offline, memory);
                phases.end("warm-up", warmUpBegan);
            }
        } finally {
            store.finishStoring();
        }
        store.evictOtherVersions();
        double ms = Math.round(phases.elapsed() * 100) / 100.0;
        LoadedModel loaded = new LoadedModel(manifest, manifestJs, chain, variants, opener, store, capabilities, options, offline, ms,
                phases.phases());
        return new TandemModel(loaded, opened);
    }

    /**
     * Times a few predictions of the cheapest input on each in-page device {@code auto} opens and
     * moves down the chain past one that is far over its budget ({@link WarmUp}); the outcome goes
     * into the chain's reason and is remembered for this device and model version.
     */
    private DeviceChain.Opened warmUp(DeviceChain chain, DeviceChain.Opened opened, boolean offline, DeviceMemory memory) {
        double warmUpMs = Double.NaN;
        while (opened.device.runsInPage()) {
            List<Double> runs;
            try {
                runs = timeWarmUp(opened);
            } catch (TandemException e) {
                if (!"runtime".equals(e.code()) || !chain.canFallBack()) {
                    throw e;
                }
                opened.runner.close();
                opened = chain.fallBack(e);
                continue;
            }
            WarmUp.Verdict verdict = WarmUp.judge(opened.device, runs, !Double.isNaN(options.simulatedWarmUpMs()));
            warmUpMs = verdict.ms();
            if (!verdict.tooSlow()) {
                chain.explain(verdict.summary());
                break;
            }
            if (!chain.canFallBack()) {
                chain.explain(verdict.summary() + ", but no device follows it");
                break;
            }
            if (offline && chain.next() == Device.SERVER) {
                chain.explain(verdict.summary() + ", but kept: offline, the server cannot be reached");
                break;
            }
            chain.explain(verdict.summary());
            opened.runner.close();
            opened = chain.passOver(verdict.summary());
            warmUpMs = Double.NaN;
        }
        // An offline decision is not one to keep: online, the server may be the better choice.
        if (!options.simulatesAnything() && !offline) {
            memory.remember(new RememberedChoice(opened.device, chain.reason(), warmUpMs));
        }
        return opened;
    }

    /** Warm-up runs, ms each, timed from the call to the result on the promise's turn (no green-thread delay counted). */
    private List<Double> timeWarmUp(DeviceChain.Opened opened) {
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

    /** This browser: user agent, cores, WASM threads and the WebGPU adapter. */
    private static String fingerprint(Probe.Capabilities capabilities) {
        Probe.Gpu gpu = capabilities.getWebgpu();
        return Js.userAgent() + "|" + capabilities.getHardwareConcurrency() + "|" + capabilities.getWasm().isThreads()
                + "|" + gpu.isAdapter() + "|" + gpu.getVendor() + "|" + gpu.getArchitecture() + "|" + gpu.isFallbackAdapter();
    }

    /** {@code localStorage} (failures to read or write it are ignored: nothing is remembered). */
    private static final DeviceMemory.Storage LOCAL_STORAGE = new DeviceMemory.Storage() {
        @Override
        public String get(String key) {
            return Js.localGet(key);
        }

        @Override
        public void set(String key, String value) {
            Js.localSet(key, value);
        }

        @Override
        public void removeOthers(String prefix, String keep) {
            Js.localRemoveOthers(prefix, keep);
        }
    };

    private static double bytesToFetch(Manifest manifest, VariantChoice variants, Device first) {
        double total = 0;
        for (BundleFile f : manifest.files()) {
            total += f.bytes();
        }
        if (first.runsInPage()) {
            try {
                total += variants.forDevice(first).file().bytes();
            } catch (TandemException e) {
                // No variant: the chain moves on; progress has nothing to count.
            }
        }
        return total;
    }

    private static Router.Snapshot snapshot(Probe.Capabilities c) {
        return new Router.Snapshot(c.getWebgpu().isAdapter(), c.getWebgpu().isFallbackAdapter(),
                c.getWasm().isAvailable(), c.getWasm().isThreads());
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
}
