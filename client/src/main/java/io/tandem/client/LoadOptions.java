package io.tandem.client;

import io.tandem.client.browser.Js;
import org.teavm.jso.JSObject;

/**
 * {@code load}'s options object, read once: {@code device}, {@code variant}, {@code baseUrl},
 * {@code onProgress}, {@code fallback}, {@code threads}, {@code worker}, {@code shareStats},
 * {@code shareStatsEvery} and the test-only {@code _simulateFailure} and {@code _simulateWarmUpMs}.
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
    private final String shareStats;
    private final double shareStatsEvery;
    private final double simulatedWarmUpMs;

    LoadOptions(JSObject options) {
        check(options);
        this.device = Device.fromWireName(Js.stringProperty(options, "device"));
        String v = Js.stringProperty(options, "variant");
        this.variant = v == null || v.isEmpty() ? null : v;
        this.endpoints = new Endpoints(Js.stringProperty(options, "baseUrl"));
        this.onProgress = Js.property(options, "onProgress");
        this.fallback = Js.stringProperty(options, "fallback");
        this.threads = Js.numberProperty(options, "threads");
        this.worker = Js.stringProperty(options, "worker");
        this.simulation = FailureSimulation.parse(Js.stringProperty(options, "_simulateFailure"));
        this.shareStats = Js.stringProperty(options, "shareStats");
        this.shareStatsEvery = Js.numberProperty(options, "shareStatsEvery");
        this.simulatedWarmUpMs = Js.numberProperty(options, "_simulateWarmUpMs");
    }

    /** Refuses an options object that is not one, and any option {@link OptionRules} does not accept. */
    private static void check(JSObject options) {
        if (Js.isNullish(options)) {
            return;
        }
        String type = Js.typeName(options);
        if (!type.equals("object")) {
            throw new TandemException("invalid_argument", "load()'s options must be an object such as { device: 'wasm' }, not " + OptionRules.aOrAn(type));
        }
        for (String key : Split.all(Js.ownKeys(options), '\u0000')) {
            if (key.isEmpty()) {
                continue;
            }
            JSObject value = Js.property(options, key);
            String why = OptionRules.check(key, Js.typeName(value), Js.numberProperty(options, key));
            if (why != null) {
                throw new TandemException("invalid_argument", why);
            }
        }
    }

    /** {@code shareStats}: send aggregated input statistics (counts only) to the server; off unless exactly true. */
    boolean shareStats() {
        return "true".equals(shareStats);
    }

    /** {@code shareStatsEvery}: predictions per report, 1 to 1000 (the server's bound), default 20. */
    int shareStatsEvery() {
        if (Double.isNaN(shareStatsEvery) || shareStatsEvery < 1) {
            return StatsSharing.DEFAULT_EVERY;
        }
        return (int) Math.min(1000, Math.floor(shareStatsEvery));
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

    /**
     * Test-only {@code _simulateWarmUpMs}: every warm-up run of {@code auto} is taken to last this
     * long (the runs still happen), to show a device judged too weak; NaN when not set.
     */
    double simulatedWarmUpMs() {
        return simulatedWarmUpMs;
    }

    /** Whether a test-only option is set: then {@code auto} neither reuses nor remembers a choice. */
    boolean simulatesAnything() {
        return !simulation.isEmpty() || !Double.isNaN(simulatedWarmUpMs);
    }
}
