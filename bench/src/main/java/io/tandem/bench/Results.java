package io.tandem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, in the order the report prints it. */
public final class Results {
    public static final String MNIST = "mnist-cnn";
    public static final String FP32 = "minilm-l6-v2 fp32";
    public static final String INT8 = "minilm-l6-v2 int8";
    public static final List<String> MODELS = List.of(MNIST, FP32, INT8);

    public static final String TANDEM_1T = "Tandem wasm, 1 thread";
    public static final String TANDEM_2T = "Tandem wasm, 2 threads";
    public static final String TJS_1T = "transformers.js, 1 thread";
    public static final String TJS_2T = "transformers.js, 2 threads";
    public static final String RAW_1T = "ORT Web session.run, 1 thread (floor)";
    public static final String RAW_2T = "ORT Web session.run, 2 threads (floor)";
    public static final String SERVER = "Tandem server (page → HTTP → JVM)";
    public static final String JVM = "onnxruntime Java in the JVM, 1 thread (ceiling)";
    public static final List<String> SETUPS = List.of(TANDEM_1T, TANDEM_2T, TJS_1T, TJS_2T, RAW_1T, RAW_2T, SERVER, JVM);

    /** One latency row: samples in ms, or none and the reason. */
    public static final class Latency {
        public final String model;
        public final String setup;
        public final List<Double> samples = new ArrayList<>();
        public String note;

        Latency(String model, String setup) {
            this.model = model;
            this.setup = setup;
        }

        public boolean measured() {
            return !samples.isEmpty();
        }

        public double median() {
            return Stats.median(samples);
        }

        public double p95() {
            return Stats.p95(samples);
        }
    }

    /** Time to first prediction (ms since navigation start) and bytes, cold and warm. */
    public record FirstPrediction(String what, String page, Map<String, Object> cold, Map<String, Object> warm) {
    }

    public record Tokenize(String setup, int sentences, double ms, String note) {
        public double perSecond() {
            return sentences / (ms / 1000.0);
        }
    }

    public record EmbeddingParity(String variant, int sentences, double minCosine, double meanCosine) {
    }

    public record IdParity(String what, int identical, int total, String differences) {
    }

    private final Map<String, Latency> latency = new LinkedHashMap<>();
    /** Per model: m.prepare() alone, ms (from the Tandem 1-thread page). */
    public final Map<String, List<Double>> prepare = new LinkedHashMap<>();
    /** The scheduling probe (fp32 page): one chained setTimeout(0), and m.prepare('Hello world.'), ms. */
    public final List<Double> setTimeout0 = new ArrayList<>();
    public final List<Double> prepareShort = new ArrayList<>();
    public final List<FirstPrediction> firstPredictions = new ArrayList<>();
    public final List<Tokenize> tokenize = new ArrayList<>();
    public final List<EmbeddingParity> embeddings = new ArrayList<>();
    public final List<IdParity> ids = new ArrayList<>();
    public final Map<String, String> environment = new LinkedHashMap<>();
    public final List<String> notes = new ArrayList<>();

    public Results() {
        for (String m : MODELS) {
            for (String s : SETUPS) {
                latency.put(key(m, s), new Latency(m, s));
            }
            prepare.put(m, new ArrayList<>());
        }
    }

    private static String key(String model, String setup) {
        return model + "|" + setup;
    }

    public Latency latency(String model, String setup) {
        Latency l = latency.get(key(model, setup));
        if (l == null) {
            throw new IllegalArgumentException("no row " + model + " / " + setup);
        }
        return l;
    }

    public List<Latency> latencies() {
        return new ArrayList<>(latency.values());
    }

    /** (Tandem − raw session.run) / Tandem, both medians from the same page; NaN if either is missing. */
    public double outsideShare(String model, boolean twoThreads) {
        Latency t = latency(model, twoThreads ? TANDEM_2T : TANDEM_1T);
        Latency r = latency(model, twoThreads ? RAW_2T : RAW_1T);
        if (!t.measured() || !r.measured()) {
            return Double.NaN;
        }
        return (t.median() - r.median()) / t.median();
    }
}
