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
    public static JSPromise<TandemModel> load(JSObject modelId, JSObject options) {
        return Async.call(() -> new Loader(modelIdOf(modelId), new LoadOptions(options)).load());
    }

    /** {@code load()} with no id, or with a number or object for one, is the page's mistake: say so. */
    private static String modelIdOf(JSObject modelId) {
        if (!io.tandem.client.browser.Js.isString(modelId)) {
            throw new TandemException("invalid_argument", "load() needs a model id, a string such as 'mnist-cnn', as its first argument, not "
                    + (io.tandem.client.browser.Js.isNullish(modelId) ? "nothing" : OptionRules.aOrAn(io.tandem.client.browser.Js.typeName(modelId))));
        }
        return io.tandem.client.browser.Js.asString(modelId);
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
