package io.tandem.client;

import io.tandem.client.browser.Probe;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * The ES module {@code tandem.js}: TeaVM turns this class's {@link JSExport} static methods into
 * the module's exports.
 *
 * <pre>
 * import { load } from '/tandem.js';
 * const m = await load('mnist-cnn', { device: 'wasm' });
 * const { output, device, ms } = await m.predict(imageData);
 * </pre>
 */
public final class Tandem {
    private Tandem() {
    }

    /**
     * Loads model {@code modelId}. Options (see the README): {@code device} ({@code 'auto'} (default),
     * {@code 'wasm'}, {@code 'webgpu'} or {@code 'server'}), {@code baseUrl}, {@code onProgress},
     * {@code fallback}, {@code threads}, {@code worker}, and the test-only {@code _simulateFailure}.
     */
    @JSExport
    public static JSPromise<TandemModel> load(String modelId, JSObject options) {
        return Async.call(() -> new Loader(modelId, new LoadOptions(options)).load());
    }

    /**
     * What this browser offers models: {@code {webgpu: {api, adapter, isFallbackAdapter, shaderF16,
     * vendor, architecture, error}, wasm: {available, simd, threads}, crossOriginIsolated,
     * hardwareConcurrency, deviceMemory, storage: {quota, usage}}}.
     */
    @JSExport
    public static JSPromise<Probe.Capabilities> probe() {
        return Probe.run();
    }
}
