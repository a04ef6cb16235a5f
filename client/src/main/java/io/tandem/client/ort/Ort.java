package io.tandem.client.ort;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * The namespace an ONNX Runtime Web ES module exports ({@code import * as ort from …}). Tandem
 * imports it at run time, so a page that never asks for a device never downloads its runtime.
 */
public abstract class Ort implements JSObject {
    /** Dynamic {@code import()} of an ORT Web ES module; the browser caches it per URL. */
    @JSBody(params = "url", script = "return import(url);")
    public static native JSPromise<Ort> importModule(String url);

    @JSProperty
    public abstract OrtEnv getEnv();

    /**
     * {@code ort.InferenceSession.create(bytes, {executionProviders: [provider]})}, logging errors
     * only (ORT otherwise warns on every WebGPU session that shape ops stay on the CPU).
     */
    @JSBody(params = {"ort", "model", "provider"},
            script = "return ort.InferenceSession.create(model, {executionProviders: [provider], logSeverityLevel: 3});")
    public static native JSPromise<InferenceSession> createSession(Ort ort, Uint8Array model, String provider);

    /**
     * Starts ORT Web's backend for {@code provider} now — its proxy worker, the WASM runtime's
     * download and compilation — rather than at the first real session: ORT has no call for that,
     * but {@code InferenceSession.create} initialises the backend before it reads the model, and
     * the init is kept for the page. The empty model is then refused (or a session made of it
     * released); either way the promise fulfils with {@code ort} once the backend is up. A backend
     * that fails to start fails again, with its reason, at the real session.
     */
    @JSBody(params = {"imported", "provider"}, script = "return imported.then(function (ort) {"
            + " return ort.InferenceSession.create(new Uint8Array(0), {executionProviders: [provider], logSeverityLevel: 4})"
            + ".then(function (s) { s.release(); return ort; }, function () { return ort; }); });")
    public static native JSPromise<Ort> startBackend(JSPromise<Ort> imported, String provider);

    /** {@code new ort.Tensor(type, data, dims)}; dims become a plain JS array, which ORT requires. */
    @JSBody(params = {"ort", "type", "data", "dims"},
            script = "return new ort.Tensor(type, data, Array.from(dims));")
    public static native OrtTensor tensor(Ort ort, String type, JSObject data, int[] dims);
}
