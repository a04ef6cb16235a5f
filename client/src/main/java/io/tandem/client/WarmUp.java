package io.tandem.client;

import java.util.List;

/**
 * The measured half of {@code auto} routing. The probe cannot tell how fast a device really is (a
 * software GPU that does not call itself one, a phone whose WASM is slow), so once {@code auto} has
 * opened a session, a few predictions of the cheapest input the pipeline takes (a short text, a
 * blank image) are timed, and a device far over its budget is passed over for the next device in
 * the chain (webgpu → wasm → server). Plain Java (tested on the JVM).
 */
public final class WarmUp {
    /** Predictions timed at most. The first pays one-time costs (shader compilation, buffers), so the verdict uses the fastest. */
    public static final int RUNS = 3;
    /**
     * WebGPU budget for one warm prediction of the smallest input. A real GPU runs the bundled
     * models in a few ms; over this it is emulated or starved and WASM will do better.
     */
    public static final double WEBGPU_BUDGET_MS = 250;
    /**
     * WASM budget for one warm prediction of the smallest input. Over this a real input keeps the
     * user waiting for seconds, and a round trip to the server is far shorter.
     */
    public static final double WASM_BUDGET_MS = 500;
    /** A run after the first this many times over budget ends the warm-up: more runs cannot bring the fastest under budget in time to matter. */
    public static final double HOPELESS_FACTOR = 4;
    /**
     * The first run only ends the warm-up this many times over budget: it compiles shaders and
     * allocates, which on a real GPU with a large model can take a second or more.
     */
    public static final double HOPELESS_FIRST_FACTOR = 20;

    private WarmUp() {
    }

    /** The budget of a device that runs in the page. */
    public static double budget(Device d) {
        switch (d) {
            case WEBGPU:
                return WEBGPU_BUDGET_MS;
            case WASM:
                return WASM_BUDGET_MS;
            default:
                throw new IllegalArgumentException(d.wireName() + " is not warmed up: it does not run in the page");
        }
    }

    /** Whether the runs so far ({@code ms}, in order) are enough to judge. */
    public static boolean enough(Device d, List<Double> ms) {
        if (ms.isEmpty()) {
            return false;
        }
        double last = ms.get(ms.size() - 1);
        return ms.size() >= RUNS || last > budget(d) * (ms.size() == 1 ? HOPELESS_FIRST_FACTOR : HOPELESS_FACTOR);
    }

    /** The verdict on a device from its timed runs (at least one). */
    public static Verdict judge(Device d, List<Double> ms, boolean simulated) {
        if (ms.isEmpty()) {
            throw new IllegalArgumentException("no warm-up run to judge");
        }
        double best = Double.POSITIVE_INFINITY;
        for (double m : ms) {
            best = Math.min(best, m);
        }
        double budget = budget(d);
        boolean tooSlow = best > budget;
        String summary = d.wireName() + " warm-up " + format(best) + " ms" + (simulated ? " (simulated)" : "")
                + " (best of " + ms.size() + ")" + (tooSlow ? ", over" : ", within") + " its " + format(budget) + " ms budget";
        return new Verdict(tooSlow, best, summary);
    }

    /** A number of ms with at most one decimal. */
    static String format(double ms) {
        double r = Math.round(ms * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    /** What the warm-up found. */
    public static final class Verdict {
        private final boolean tooSlow;
        private final double ms;
        private final String summary;

        Verdict(boolean tooSlow, double ms, String summary) {
            this.tooSlow = tooSlow;
            this.ms = ms;
            this.summary = summary;
        }

        /** Whether the device should be passed over. */
        public boolean tooSlow() {
            return tooSlow;
        }

        /** The fastest run, ms. */
        public double ms() {
            return ms;
        }

        /** E.g. {@code wasm warm-up 12.3 ms (best of 3), within its 500 ms budget}. */
        public String summary() {
            return summary;
        }
    }
}
