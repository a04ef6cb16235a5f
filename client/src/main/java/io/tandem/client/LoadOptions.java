package io.tandem.client;

import io.tandem.client.browser.Js;
import org.teavm.jso.JSObject;

/**
 * {@code load}'s options object, read once: {@code device}, {@code variant}, {@code baseUrl},
 * {@code onProgress}, {@code fallback}, {@code threads}, {@code worker} and the test-only
 * {@code _simulateFailure}.
 */
final class LoadOptions {
    private final Device device;
    private final String variant;
    private final Endpoints endpoints;
    private final JSObject onProgress;
    private final String fallback;
    private final double threads;
    private final String worker;
    private final FailureSimulation simulation;

    LoadOptions(JSObject options) {
        this.device = Device.fromWireName(Js.stringProperty(options, "device"));
        String v = Js.stringProperty(options, "variant");
        this.variant = v == null || v.isEmpty() ? null : v;
        this.endpoints = new Endpoints(Js.stringProperty(options, "baseUrl"));
        this.onProgress = Js.property(options, "onProgress");
        this.fallback = Js.stringProperty(options, "fallback");
        this.threads = Js.numberProperty(options, "threads");
        this.worker = Js.stringProperty(options, "worker");
        this.simulation = FailureSimulation.parse(Js.stringProperty(options, "_simulateFailure"));
    }

    Device device() {
        return device;
    }

    /** {@code variant}: the manifest variant the page asks for by name (e.g. {@code 'fp32'}), or null for the device's default. */
    String variant() {
        return variant;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    JSObject onProgress() {
        return onProgress;
    }

    /** {@code fallback}: the page's true/false, else {@code byDefault} (true for auto, false for a forced device). */
    boolean fallback(boolean byDefault) {
        return fallback == null ? byDefault : "true".equals(fallback);
    }

    /** {@code threads}: a positive whole number, or 0 for "let the client choose". */
    int threads() {
        return Double.isNaN(threads) || threads < 1 ? 0 : (int) Math.min(64, Math.floor(threads));
    }

    /** {@code worker}: run WASM inference in ORT Web's proxy worker (default true). */
    boolean worker() {
        return !"false".equals(worker);
    }

    boolean simulates(Device d) {
        return simulation.atOpen(d);
    }

    boolean simulatesRun(Device d) {
        return simulation.atRun(d);
    }
}
