package io.tandem.client;

import io.tandem.client.browser.Http;
import io.tandem.client.browser.Js;
import io.tandem.client.ort.InferenceSession;
import io.tandem.client.ort.Ort;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.task.Pipelines;
import io.tandem.pipeline.task.TaskPipeline;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.json.JSON;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Uint8Array;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code load(id, options)}: fetch and check the bundle, build the shared pipeline, and open the
 * model where it is to run. Runs in a green thread (it awaits).
 */
final class Loader {
    private final String modelId;
    private final Device device;
    private final Endpoints endpoints;

    Loader(String modelId, Device requested, Endpoints endpoints) {
        this.modelId = Endpoints.checkId(modelId);
        this.device = requested.resolve();
        this.endpoints = endpoints;
    }

    TandemModel load() {
        String manifestUrl = endpoints.manifest(modelId);
        String manifestText = Fetching.text(manifestUrl);
        Manifest manifest = parse(manifestText, manifestUrl);
        JSObject manifestJs = JSON.parse(manifestText);
        if (!device.runsInPage()) {
            return new TandemModel(manifest, manifestJs, device, null, new ServerRunner(endpoints.predict(modelId)), this);
        }
        Variant variant = variantFor(manifest);
        // Start the two big downloads (model, runtime) before the small ones, then wait for all.
        String modelUrl = endpoints.bundleFile(modelId, variant.file().path());
        JSPromise<Http.Response> modelDownload = Http.get(modelUrl);
        String ortUrl = Js.absoluteUrl(endpoints.ortModule(device));
        JSPromise<Ort> ortImport = Ort.importModule(ortUrl);
        TaskPipeline pipeline = pipeline(manifest);
        ArrayBuffer model = Fetching.bytes(modelDownload, modelUrl);
        checkSize(variant, model, modelUrl);
        Ort ort = Async.await(ortImport, "runtime", "loading ONNX Runtime Web from " + ortUrl);
        // Read by ORT only before its first session; later loads leave them as they are.
        ort.getEnv().getWasm().setWasmPaths(Js.absoluteUrl(endpoints.ortDir()));
        // ORT's warnings (which nodes fell back to the CPU …) are noise in a page's console.
        ort.getEnv().setLogLevel("error");
        InferenceSession session = Async.await(
                Ort.createSession(ort, new Uint8Array(model), device.executionProvider()),
                "runtime", "creating the " + device.wireName() + " session for " + modelUrl);
        try {
            checkNames("input", manifest.inputs(), session.getInputNames(), modelUrl);
            checkNames("output", manifest.outputs(), session.getOutputNames(), modelUrl);
        } catch (TandemException e) {
            session.release();
            throw e;
        }
        return new TandemModel(manifest, manifestJs, device, pipeline,
                new PageRunner(ort, session, pipeline, names(manifest.outputs())), this);
    }

    /** The shared pipeline, with every text file the manifest lists fetched first (BundleFiles is synchronous). */
    TaskPipeline pipeline(Manifest manifest) {
        List<BundleFile> files = manifest.files();
        List<JSPromise<Http.Response>> pending = new ArrayList<>();
        for (BundleFile f : files) {
            pending.add(Http.get(endpoints.bundleFile(modelId, f.path())));
        }
        Map<String, String> texts = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            BundleFile f = files.get(i);
            texts.put(f.path(), Fetching.text(pending.get(i), endpoints.bundleFile(modelId, f.path())));
        }
        try {
            return Pipelines.forBundle(manifest, path -> {
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

    private Manifest parse(String text, String url) {
        Manifest manifest;
        try {
            manifest = Manifest.parse(text);
        } catch (RuntimeException e) {
            throw new TandemException("bad_bundle", url + ": " + TandemException.messageOf(e));
        }
        if (!manifest.id().equals(modelId)) {
            throw new TandemException("bad_bundle", url + ": expected id '" + modelId + "', found '" + manifest.id() + "'");
        }
        return manifest;
    }

    private Variant variantFor(Manifest manifest) {
        try {
            return manifest.variantFor(device.wireName());
        } catch (IllegalArgumentException e) {
            throw new TandemException("no_variant", e.getMessage());
        }
    }

    private static void checkSize(Variant variant, ArrayBuffer model, String url) {
        long expected = variant.file().bytes();
        if (expected > 0 && model.getByteLength() != expected) {
            throw new TandemException("bad_bundle", url + ": expected " + expected + " bytes, found " + model.getByteLength());
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
