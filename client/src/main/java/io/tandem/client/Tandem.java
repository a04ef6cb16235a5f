package io.tandem.client;

import io.tandem.client.browser.Js;
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
     * Loads model {@code modelId}. Options: {@code device} ({@code 'auto'} (default), {@code 'wasm'},
     * {@code 'webgpu'} or {@code 'server'}) and {@code baseUrl} (default {@code ''}: the page's origin).
     */
    @JSExport
    public static JSPromise<TandemModel> load(String modelId, JSObject options) {
        return Async.call(() -> {
            Device device = Device.fromWireName(Js.stringProperty(options, "device"));
            Endpoints endpoints = new Endpoints(Js.stringProperty(options, "baseUrl"));
            return new Loader(modelId, device, endpoints).load();
        });
    }
}
