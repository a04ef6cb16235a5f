package io.tandem.bench;

import ai.onnxruntime.OrtException;
import io.tandem.pipeline.bundle.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark command: the real Tandem server in-process (loopback only), headless Chromium, and
 * in one run Tandem (wasm 1 and 2 threads, server), transformers.js, raw ONNX Runtime Web
 * session.run and onnxruntime Java on the same model files and inputs; prints a table and writes
 * docs/browser-benchmarks.md with SVG charts.
 *
 * <pre>mvn -q -f bench/pom.xml compile exec:java -Dexec.args="--runs 50"</pre>
 */
public final class BrowserBenchmark {
    /** One model under test: its bundle (Tandem) and, for text, its transformers.js dtype. */
    record Model(String label, String bundleId, String variant, Path bundle, Path file, String modelUrl, String tjsDtype, List<?> inputs) {
        boolean text() {
            return tjsDtype != null;
        }
    }

    private final Options options;
    private final Results results = new Results();

    public BrowserBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Path report = runOnLargeStack(options);
            System.out.println("report: " + report);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Runs the benchmark on a thread with a 16 MB stack: onnxruntime 1.29's session creation
     * overflows the JVM's default 1 MB thread stack here (a segfault, no Java exception) — it is
     * called on the caller's thread, both by the server's model registry and by {@link JvmRuns}.
     */
    public static Path runOnLargeStack(Options options) throws Exception {
        return new BrowserBenchmark(options).runOnLargeStack();
    }

    /** {@link #run()} on a thread with a 16 MB stack (see {@link #runOnLargeStack(Options)}). */
    public Path runOnLargeStack() throws Exception {
        Path[] report = new Path[1];
        Exception[] failure = new Exception[1];
        Thread t = new Thread(null, () -> {
            try {
                report[0] = run();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "tandem-bench", 16L << 20);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        if (report[0] == null) {
            throw new IllegalStateException("the benchmark thread ended without a report");
        }
        return report[0];
    }

    /** Measures everything, prints the table, writes the report; returns the report's path. */
    public Path run() throws IOException, OrtException, InterruptedException {
        System.setProperty("java.awt.headless", "true");
        Instant started = Instant.now();
        log("Tandem browser benchmark: " + options.describe());
        try (BenchFiles files = BenchFiles.assemble(options.root());
             BenchServer server = new BenchServer(files, options.root().resolve("bench/node_modules"))) {
            results.environment.put("int8 file", files.int8Source());
            results.environment.put("/tandem.js", FirstVisit.tandemJsSize(server.url("/tandem.js")));
            List<Model> models = models(files);
            jvm(models, files);
            browser(models, server);
            if (options.cold()) {
                firstPredictions(models, server);
            }
        }
        Report report = new Report(results, options, started, Instant.now());
        System.out.println(report.table());
        return report.write();
    }

    private List<Model> models(BenchFiles files) throws IOException {
        List<String> sentences = Corpus.sentences(options.sentences());
        List<Map<String, Object>> digits = Corpus.digits();
        if (options.tiny()) {
            digits = digits.subList(0, 4);
        }
        List<Model> out = new ArrayList<>();
        // fp32 by name: the bundles' wasm default is now int8 (the int8 row is ONNX Runtime's own, in its own bundle).
        out.add(model(files, Results.MNIST, BenchFiles.MNIST, "fp32", null, digits));
        out.add(model(files, Results.FP32, BenchFiles.MINILM, "fp32", "fp32", sentences));
        out.add(model(files, Results.INT8, BenchFiles.MINILM_INT8, null, "q8", sentences));
        return out;
    }

    private static Model model(BenchFiles files, String label, String id, String variant, String dtype, List<?> inputs) throws IOException {
        Path bundle = files.bundle(id);
        Manifest manifest = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        String file = (variant != null ? manifest.variant(variant) : manifest.variantFor("wasm")).file().path();
        return new Model(label, id, variant, bundle, bundle.resolve(file), "/models/" + id + "/" + file, dtype, inputs);
    }

    private void jvm(List<Model> models, BenchFiles files) throws OrtException {
        for (Model m : models) {
            log("JVM onnxruntime: " + m.label());
            results.latency(m.label(), Results.JVM).samples.addAll(
                    JvmRuns.latency(m.bundle(), m.file(), m.inputs(), options.warmup(), options.runs()));
        }
        log("JVM tokenizer: " + options.tokenize() + " sentences");
        JvmRuns.Tokenize t = JvmRuns.tokenize(files.bundle(BenchFiles.MINILM), Corpus.tokenizeSet(options.tokenize()));
        results.tokenize.add(new Results.Tokenize("JVM: pipeline BertTokenizer.encode (ids only)", options.tokenize(), t.encodeMs(), ""));
        results.tokenize.add(new Results.Tokenize("JVM: pipeline preprocess (ids, mask, type ids as tensors)", options.tokenize(), t.preprocessMs(), ""));
        jvmIds = t.ids();
    }

    private List<int[]> jvmIds = List.of();

    private void browser(List<Model> models, BenchServer server) {
        try (Browser browser = Browser.start()) {
            browser.open(server.url("/bench/index.html"));
            Map<String, Object> info = browser.call("browserInfo", Map.of());
            results.environment.put("Chromium", browser.version());
            results.environment.put("user agent", String.valueOf(info.get("userAgent")));
            results.environment.put("navigator.hardwareConcurrency", String.valueOf(info.get("cores")));
            results.environment.put("crossOriginIsolated", String.valueOf(info.get("isolated")));
            Map<String, float[]> tandemEmbeddings = new HashMap<>();
            Map<String, List<int[]>> tandemIds = new HashMap<>();
            for (int round = 0; round < options.rounds(); round++) {
                boolean first = round == 0;
                for (Model m : models) {
                    log("round " + (round + 1) + "/" + options.rounds() + ": " + m.label() + ": Tandem wasm 1 thread, raw ORT Web, server");
                    String tandem1 = server.url("/bench/index.html?tandem-1");
                    Map<String, Object> args = new HashMap<>();
                    args.put("id", m.bundleId());
                    if (m.variant() != null) {
                        args.put("variant", m.variant());
                    }
                    args.put("modelUrl", m.modelUrl());
                    args.put("inputs", m.inputs());
                    args.put("warmup", options.warmup());
                    args.put("runs", options.runs());
                    args.put("threads", 1);
                    args.put("server", true);
                    args.put("parity", first && m.text());
                    args.put("probe", first && m.label().equals(Results.FP32));
                    args.put("tokenize", first && m.label().equals(Results.FP32) ? Corpus.tokenizeSet(options.tokenize()) : List.of());
                    Map<String, Object> r = openAndCall(browser, tandem1, "tandem", args, m.label() + ", Tandem 1 thread");
                    checkThreads(r, 1, m.label() + " ORT Web floor");
                    results.environment.put("Tandem: WASM inference in ORT Web's proxy worker (loadInfo.worker)", String.valueOf(r.get("tandemWorker")));
                    results.latency(m.label(), Results.TANDEM_1T).samples.addAll(doubles(r.get("tandem")));
                    results.latency(m.label(), Results.RAW_1T).samples.addAll(doubles(r.get("raw")));
                    results.latency(m.label(), Results.SERVER).samples.addAll(doubles(r.get("server")));
                    results.prepare.get(m.label()).addAll(doubles(r.get("prepare")));
                    if (r.get("setTimeout0") != null) {
                        results.setTimeout0.addAll(doubles(r.get("setTimeout0")));
                        results.prepareShort.addAll(doubles(r.get("prepareShort")));
                    }
                    if (r.get("prepareMs") != null) {
                        results.tokenize.add(new Results.Tokenize("browser: Tandem m.prepare(text) (TeaVM JS; ids, mask, type ids as typed arrays)",
                                options.tokenize(), ((Number) r.get("prepareMs")).doubleValue(), ""));
                    }
                    if (first && m.text()) {
                        tandemIds.put(m.label(), intLists(r.get("ids")));
                        List<float[]> emb = floatLists(r.get("outputs"));
                        for (int i = 0; i < emb.size(); i++) {
                            tandemEmbeddings.put(m.label() + "#" + i, emb.get(i));
                        }
                    }

                    log("round " + (round + 1) + ": " + m.label() + ": Tandem wasm 2 threads, raw ORT Web 2 threads");
                    args.put("threads", 2);
                    args.put("server", false);
                    args.put("parity", false);
                    args.put("probe", false);
                    args.put("tokenize", List.of());
                    r = openAndCall(browser, server.url("/bench/index.html?tandem-2"), "tandem", args, m.label() + ", Tandem 2 threads");
                    checkThreads(r, 2, m.label() + " ORT Web floor");
                    if (r.get("tandemThreads") instanceof Number n && n.intValue() == 2) {
                        results.latency(m.label(), Results.TANDEM_2T).samples.addAll(doubles(r.get("tandem")));
                    } else {
                        results.latency(m.label(), Results.TANDEM_2T).note = "the client has no `threads` load option (or did not honour it: "
                                + "loadInfo.threads = " + r.get("tandemThreads") + "); ORT Web reads numThreads before the first session only";
                    }
                    results.latency(m.label(), Results.RAW_2T).samples.addAll(doubles(r.get("raw")));

                    if (!m.text()) {
                        continue;
                    }
                    for (int threads : new int[] {1, 2}) {
                        log("round " + (round + 1) + ": " + m.label() + ": transformers.js " + threads + " thread(s)");
                        browser.open(server.url("/bench/index.html?tjs-" + threads));
                        Map<String, Object> t = new HashMap<>();
                        t.put("model", BenchFiles.TJS_MODEL);
                        t.put("dtype", m.tjsDtype());
                        t.put("texts", m.inputs());
                        t.put("warmup", options.warmup());
                        t.put("runs", options.runs());
                        t.put("threads", threads);
                        boolean once = first && threads == 1;
                        t.put("parity", once);
                        t.put("tokenize", once && m.label().equals(Results.FP32) ? Corpus.tokenizeSet(options.tokenize()) : List.of());
                        r = browser.call("tjs", t);
                        checkThreads(r, threads, m.label() + " transformers.js");
                        results.latency(m.label(), threads == 1 ? Results.TJS_1T : Results.TJS_2T).samples.addAll(doubles(r.get("latency")));
                        results.environment.put("@huggingface/transformers (in the page)", String.valueOf(r.get("version")));
                        results.environment.put("onnxruntime-web inside transformers.js", String.valueOf(r.get("ortVersion")));
                        if (once) {
                            parity(m, r, tandemEmbeddings, tandemIds.get(m.label()));
                        }
                        if (r.get("tokenizeMs") != null) {
                            results.tokenize.add(new Results.Tokenize("browser: transformers.js tokenizer(text) (ids, mask, type ids as Tensors)",
                                    options.tokenize(), ((Number) r.get("tokenizeMs")).doubleValue(), ""));
                            results.tokenize.add(new Results.Tokenize("browser: transformers.js tokenizer.encode(text) (ids only)",
                                    options.tokenize(), ((Number) r.get("encodeMs")).doubleValue(), ""));
                            idParity10k(r.get("tokenizeIds"));
                        }
                    }
                }
            }
        }
        for (String m : Results.MODELS) {
            if (!m.equals(Results.MNIST)) {
                continue;
            }
            String why = "transformers.js has no pipeline for a bare ONNX CNN without a Hugging Face config and image processor";
            results.latency(m, Results.TJS_1T).note = why;
            results.latency(m, Results.TJS_2T).note = why;
        }
        results.notes.add("Thread counts: Tandem gets them through load(id, {device: 'wasm', threads: N}) (each count on its own page load: "
                + "ORT Web reads env.wasm.numThreads before its first session only); the floor is a separate ORT Web module instance "
                + "(/ort/ort.wasm.min.mjs?floor) with the same numThreads and proxy off, so its session.run runs on the page's thread; "
                + "transformers.js gets env.backends.onnx.wasm.numThreads.");
    }

    private void parity(Model m, Map<String, Object> r, Map<String, float[]> tandemEmbeddings, List<int[]> tandemIds) {
        List<float[]> tjs = floatLists(r.get("outputs"));
        double min = 1, sum = 0;
        for (int i = 0; i < tjs.size(); i++) {
            double c = Stats.cosine(tandemEmbeddings.get(m.label() + "#" + i), tjs.get(i));
            min = Math.min(min, c);
            sum += c;
        }
        results.embeddings.add(new Results.EmbeddingParity(m.label(), tjs.size(), min, sum / tjs.size()));
        if (m.label().equals(Results.FP32)) {
            results.ids.add(idParity("fixed sentences: Tandem in the browser (m.prepare) vs transformers.js",
                    tandemIds, intLists(r.get("ids"))));
        }
    }

    private void idParity10k(Object tjsIds) {
        List<int[]> tjs = new ArrayList<>();
        for (Object o : (List<?>) tjsIds) {
            String line = (String) o;
            tjs.add(line.isEmpty() ? new int[0] : java.util.Arrays.stream(line.split(",")).mapToInt(Integer::parseInt).toArray());
        }
        results.ids.add(idParity(tjs.size() + " tokenizer sentences: Tandem pipeline (JVM) vs transformers.js",
                jvmIds.subList(0, tjs.size()), tjs));
    }

    /**
     * Counts identical id sequences and says how the others differ; a known case gets its own
     * name: a text over the maximum length that transformers.js truncates without re-adding
     * [SEP], where Tandem (like Hugging Face tokenizers) keeps [CLS] … [SEP] within the limit.
     */
    static Results.IdParity idParity(String what, List<int[]> tandem, List<int[]> tjs) {
        int same = 0, sepOnly = 0;
        String other = "";
        for (int i = 0; i < tjs.size(); i++) {
            int[] a = tandem.get(i), b = tjs.get(i);
            if (java.util.Arrays.equals(a, b)) {
                same++;
            } else if (a.length == b.length && a.length > 2 && a[a.length - 1] == SEP && b[b.length - 1] != SEP
                    && java.util.Arrays.equals(a, 0, a.length - 1, b, 0, b.length - 1)) {
                sepOnly++;
            } else if (other.isEmpty()) {
                int k = java.util.Arrays.mismatch(a, b);
                other = "sentence " + i + " first differs at position " + k + " of " + a.length + " (Tandem) / " + b.length
                        + " (transformers.js): Tandem " + window(a, k) + " vs transformers.js " + window(b, k);
            }
        }
        int differ = tjs.size() - same;
        String summary = differ == 0 ? "none" : differ + " differ"
                + (sepOnly > 0 ? "; " + sepOnly + " of them only in the last of " + tandem.get(firstSepOnly(tandem, tjs)).length
                + " ids: texts over the length limit, where Tandem ends with [SEP] (102), as Hugging Face tokenizers do, and "
                + "transformers.js truncates after adding it (its last id is a word piece, no [SEP])" : "")
                + (other.isEmpty() ? "" : "; " + other);
        return new Results.IdParity(what, same, tjs.size(), summary);
    }

    private static final int SEP = 102;

    private static int firstSepOnly(List<int[]> tandem, List<int[]> tjs) {
        for (int i = 0; i < tjs.size(); i++) {
            int[] a = tandem.get(i), b = tjs.get(i);
            if (!java.util.Arrays.equals(a, b) && a.length == b.length && a[a.length - 1] == SEP) {
                return i;
            }
        }
        return 0;
    }

    private static String window(int[] ids, int k) {
        int from = Math.max(0, k - 2), to = Math.min(ids.length, k + 3);
        return "[" + (from > 0 ? "… " : "") + java.util.Arrays.toString(java.util.Arrays.copyOfRange(ids, from, to)).replaceAll("[\\[\\]]", "")
                + (to < ids.length ? " …" : "") + "]";
    }

    /**
     * Cold and warm first predictions. {@code --tiny} keeps the light ones (mnist and the digits
     * demo) and names the others as skipped, so that the smoke test stays short.
     */
    private void firstPredictions(List<Model> models, BenchServer server) {
        String sentence = Corpus.SENTENCES.get(2);
        for (Model m : models) {
            boolean heavy = m.text();
            Map<String, Object> args = new HashMap<>();
            args.put("tool", "tandem");
            args.put("id", m.bundleId());
            args.put("input", m.text() ? sentence : m.inputs().get(0));
            firstPrediction("Tandem wasm: " + m.label(), "/bench/index.html", server, args, heavy);
            if (!m.label().equals(Results.FP32)) {
                Map<String, Object> auto = new HashMap<>(args);
                auto.put("device", "auto");
                firstPrediction("Tandem auto: " + m.label(), "/bench/index.html", server, auto, heavy);
            }
            if (m.text()) {
                Map<String, Object> t = new HashMap<>();
                t.put("tool", "tjs");
                t.put("model", BenchFiles.TJS_MODEL);
                t.put("dtype", m.tjsDtype());
                t.put("input", sentence);
                firstPrediction("transformers.js: " + m.label(), "/bench/index.html", server, t, heavy);
            }
        }
        firstPrediction("demo /digits.html?device=wasm (until ready)", "/digits.html?device=wasm", server, null, false);
        firstPrediction("demo /search.html?device=wasm (until ready: 42 sentences embedded)", "/search.html?device=wasm", server, null, true);
    }

    private void firstPrediction(String what, String page, BenchServer server, Map<String, Object> args, boolean heavy) {
        if (heavy && options.tiny()) {
            results.notes.add("Skipped in --tiny: first prediction, " + what + ".");
            return;
        }
        firstPrediction(what, page, server, args);
    }

    private void firstPrediction(String what, String page, BenchServer server, Map<String, Object> args) {
        log("first prediction, cold and warm: " + what);
        try (Browser browser = Browser.start()) {
            Map<String, Object> cold = once(browser, server.url(page), args);
            Map<String, Object> warm = once(browser, server.url(page), args);
            results.firstPredictions.add(new Results.FirstPrediction(what, page, cold, warm));
        }
    }

    private Map<String, Object> once(Browser browser, String url, Map<String, Object> args) {
        return args == null ? openAndCall(browser, url, "demoReady", 180_000, url)
                : openAndCall(browser, url, "firstPrediction", args, String.valueOf(args.get("tool")) + " " + args.get("id"));
    }

    /**
     * Opens the page and calls {@code fn}; when Tandem's WASM session creation fails (seen now and
     * then on a fresh profile's first load: "creating the wasm session …: Error: null"), the failure
     * is recorded in the report's notes and the page is loaded once more. Anything else fails the run.
     */
    private Map<String, Object> openAndCall(Browser browser, String url, String fn, Object args, String what) {
        browser.open(url);
        try {
            return browser.call(fn, args);
        } catch (IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("creating the wasm session")) {
                throw e;
            }
            results.notes.add("Retried once: " + what + " (" + url.replaceFirst("^http://[^/]+", "") + ") failed with \""
                    + message.replaceAll("\\s+", " ").trim() + "\" — Tandem's WASM session creation failing on a page load; "
                    + "the page was loaded again and the retry's figures are the ones reported (for a cold first-prediction row the retry ran in the same profile, so it is not fully cold).");
            log("retrying after: " + message);
            browser.open(url);
            return browser.call(fn, args);
        }
    }

    private static void checkThreads(Map<String, Object> r, int expected, String what) {
        Object t = r.get("threads");
        if (!(t instanceof Number n) || n.intValue() != expected || !Boolean.TRUE.equals(r.get("isolated"))) {
            throw new IllegalStateException(what + ": expected " + expected + " thread(s) in a cross-origin isolated page, found numThreads "
                    + t + ", crossOriginIsolated " + r.get("isolated"));
        }
    }

    static List<Double> doubles(Object list) {
        List<Double> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add(((Number) o).doubleValue());
            }
        }
        return out;
    }

    static List<float[]> floatLists(Object list) {
        List<float[]> out = new ArrayList<>();
        for (Object row : (List<?>) list) {
            List<?> r = (List<?>) row;
            float[] f = new float[r.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = ((Number) r.get(i)).floatValue();
            }
            out.add(f);
        }
        return out;
    }

    static List<int[]> intLists(Object list) {
        List<int[]> out = new ArrayList<>();
        for (Object row : (List<?>) list) {
            List<?> r = (List<?>) row;
            int[] a = new int[r.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ((Number) r.get(i)).intValue();
            }
            out.add(a);
        }
        return out;
    }

    private static final long START = System.nanoTime();

    private static void log(String message) {
        System.err.printf("[bench %6.1f s] %s%n", (System.nanoTime() - START) / 1e9, message);
    }

    /** What the last {@link #run()} measured. */
    public Results results() {
        return results;
    }
}
