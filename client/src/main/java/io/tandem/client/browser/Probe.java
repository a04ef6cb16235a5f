package io.tandem.client.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/**
 * What this browser can do for a model: a WebGPU adapter (and whether it is a software fallback
 * such as SwiftShader), {@code shader-f16}, WebAssembly SIMD and threads, cross-origin isolation,
 * cores, device memory and the storage estimate. Never rejects; a WebGPU adapter request that hangs
 * is given up after 3 s.
 */
public final class Probe {
    private Probe() {
    }

    @JSBody(script = ""
            + "var g = typeof self !== 'undefined' ? self : globalThis;"
            + "var nav = typeof navigator !== 'undefined' ? navigator : {};"
            + "var coi = !!g.crossOriginIsolated;"
            + "var hasWasm = typeof WebAssembly === 'object';"
            + "var simd = false, threads = false;"
            + "if (hasWasm) {"
            + "  try { simd = WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,123,3,2,1,0,10,10,1,8,0,65,0,253,15,253,98,11])); } catch (e) { }"
            + "  try { threads = coi && typeof SharedArrayBuffer === 'function'"
            + "    && new WebAssembly.Memory({initial: 1, maximum: 1, shared: true}).buffer instanceof SharedArrayBuffer; } catch (e) { }"
            + "}"
            + "var out = {webgpu: {api: !!nav.gpu, adapter: false, isFallbackAdapter: false, shaderF16: false, vendor: '', architecture: '', error: ''},"
            + "  wasm: {available: hasWasm, simd: simd, threads: threads},"
            + "  crossOriginIsolated: coi, hardwareConcurrency: nav.hardwareConcurrency || 1,"
            + "  deviceMemory: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,"
            + "  storage: {quota: null, usage: null}};"
            + "var gpu = !nav.gpu ? Promise.resolve(null) : Promise.race(["
            + "  nav.gpu.requestAdapter().catch(function (e) { out.webgpu.error = String(e && e.message || e); return null; }),"
            + "  new Promise(function (r) { setTimeout(function () { out.webgpu.error = 'requestAdapter() timed out'; r(null); }, 3000); })]);"
            + "var storage = nav.storage && nav.storage.estimate ? nav.storage.estimate().catch(function () { return null; }) : Promise.resolve(null);"
            + "return Promise.all([gpu, storage]).then(function (r) {"
            + "  var a = r[0];"
            + "  if (a) {"
            + "    var info = a.info || {};"
            + "    out.webgpu.adapter = true;"
            + "    out.webgpu.vendor = String(info.vendor || '');"
            + "    out.webgpu.architecture = String(info.architecture || '');"
            + "    var sw = /swiftshader/i.test(out.webgpu.vendor + ' ' + out.webgpu.architecture + ' ' + (info.description || ''));"
            + "    out.webgpu.isFallbackAdapter = !!(a.isFallbackAdapter || info.isFallbackAdapter || sw);"
            + "    out.webgpu.shaderF16 = !!(a.features && a.features.has('shader-f16'));"
            + "  }"
            + "  if (r[1]) { out.storage.quota = r[1].quota; out.storage.usage = r[1].usage; }"
            + "  return out;"
            + "});")
    public static native JSPromise<Capabilities> run();

    /** The probe's result (also handed to pages as {@code model.capabilities}). */
    public interface Capabilities extends JSObject {
        @JSProperty
        Gpu getWebgpu();

        @JSProperty
        Wasm getWasm();

        @JSProperty
        boolean isCrossOriginIsolated();

        @JSProperty
        int getHardwareConcurrency();
    }

    /** {@code capabilities.webgpu}. */
    public interface Gpu extends JSObject {
        @JSProperty
        boolean isApi();

        @JSProperty
        boolean isAdapter();

        @JSProperty("isFallbackAdapter")
        boolean isFallbackAdapter();

        @JSProperty
        boolean isShaderF16();

        @JSProperty
        String getVendor();

        @JSProperty
        String getArchitecture();
    }

    /** {@code capabilities.wasm}. */
    public interface Wasm extends JSObject {
        @JSProperty
        boolean isAvailable();

        @JSProperty
        boolean isSimd();

        @JSProperty
        boolean isThreads();
    }
}
