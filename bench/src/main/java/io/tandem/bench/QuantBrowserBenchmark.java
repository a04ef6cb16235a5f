package io.tandem.bench;

import io.tandem.converter.Progress;
import io.tandem.converter.validate.FixedLengthInputs;
import io.tandem.converter.validate.SampleSet;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.ServerConfig;
import io.tandem.server.TandemServer;
import io.tandem.testkit.Chromium;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The browser column of the int8 yardstick (docs/benchmarks.md): fp32, our int8 and ONNX Runtime's
 * own int8 of all-MiniLM-L6-v2, each in raw ONNX Runtime Web WASM (1 thread, batch 1, no proxy
 * worker) in headless Chromium, side by side in one page: median {@code session.run} time at
 * sequence 32 and 128 on the inputs {@code bench-quant} times in onnxruntime Java (real corpus
 * sentences cut to exactly that many tokens), the three models taking turns on each input.
 *
 * <pre>./tandem bench-quant-browser [--runs 60]</pre>
 */
public final class QuantBrowserBenchmark {
    private static final String BUNDLE = "minilm-l6-v2";
    private static final String REFERENCE_ENTRY = "all-minilm-l6-v2-q.onnx";
    private static final List<String> NAMES = List.of("fp32", "ours (tandem-converter)", "theirs (reference)");

    private static final String SCRIPT = """
            const [urls, sets, warmup, done] = arguments;
            (async () => {
              const ort = await import('/ort/ort.wasm.min.mjs');
              ort.env.wasm.wasmPaths = new URL('/ort/', location.href).href;
              ort.env.wasm.numThreads = 1;
              ort.env.wasm.proxy = false;
              ort.env.logLevel = 'error';
              const sessions = [];
              for (const url of urls) {
                const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
                sessions.push(await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }));
              }
              const feedsOf = input => {
                const f = {};
                for (const [name, ids] of Object.entries(input)) {
                  f[name] = new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
                }
                return f;
              };
              const out = {};
              for (const [length, inputs] of Object.entries(sets)) {
                const feeds = inputs.map(feedsOf);
                for (const s of sessions) for (let w = 0; w < warmup; w++) await s.run(feeds[w % feeds.length]);
                const ms = sessions.map(() => []);
                for (const f of feeds) {
                  for (let i = 0; i < sessions.length; i++) {
                    const t0 = performance.now();
                    await sessions[i].run(f);
                    ms[i].push(performance.now() - t0);
                  }
                }
                out[length] = ms;
              }
              for (const s of sessions) await s.release();
              return { ms: out, ort: ort.env.versions.web, agent: navigator.userAgent };
            })().then(done, e => done({ error: String(e && (e.stack || e.message) || e) }));
            """;

    private QuantBrowserBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 60;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) {
                runs = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: QuantBrowserBenchmark [--runs N]   (N ≥ 30 timed runs per model and length; default 60)");
                System.exit(2);
            }
        }
        if (runs < 30) {
            System.err.println("--runs " + runs + ": expected at least 30");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("tandem.bench.root", ".")).toAbsolutePath().normalize();
        Path qJar = Path.of(System.getProperty("tandem.bench.minilmQJar", ""));
        System.out.print(run(root.resolve("models"), qJar, runs));
        System.out.flush();
        System.exit(0);
    }

    /** Runs the three models in one page and returns the markdown table with its notes. */
    static String run(Path models, Path referenceJar, int runs) throws IOException {
        Path bundle = models.resolve(BUNDLE);
        Manifest manifest = Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
        byte[] reference = readEntry(referenceJar, REFERENCE_ENTRY);
        List<Long> bytes = List.of(Files.size(bundle.resolve(manifest.variant("fp32").file().path())),
                Files.size(bundle.resolve(manifest.variant("int8").file().path())), (long) reference.length);

        TaskPipeline pipeline = SampleSet.pipeline(manifest, bundle);
        List<Prepared> samples = SampleSet.prepare(manifest, pipeline, null, Progress.silent());
        Map<String, Object> sets = new LinkedHashMap<>();
        Map<Integer, Integer> distinct = new LinkedHashMap<>();
        for (int length : new int[] {32, 128}) {
            List<Map<String, Tensor>> inputs = FixedLengthInputs.of(samples, length, runs);
            distinct.put(length, inputs.size());
            sets.put(Integer.toString(length), cycle(inputs, runs));
        }

        TandemServer server = TandemServer.create(ServerConfig.forModels(models));
        server.app().get("/bench-quant/reference.onnx", ctx -> ctx.contentType("application/octet-stream").result(reference));
        server.app().start("127.0.0.1", 0);
        ChromeDriver driver = Chromium.start();
        try {
            String base = "http://127.0.0.1:" + server.app().port();
            driver.get(base + "/index.html");
            List<String> urls = List.of("/models/" + BUNDLE + "/" + manifest.variant("fp32").file().path(),
                    "/models/" + BUNDLE + "/" + manifest.variant("int8").file().path(), "/bench-quant/reference.onnx");
            Object result = ((JavascriptExecutor) driver).executeAsyncScript(SCRIPT, urls, sets, 5);
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) result;
            if (r.containsKey("error")) {
                throw new IllegalStateException("the browser failed: " + r.get("error"));
            }
            return table(r, bytes, distinct, runs);
        } finally {
            driver.quit();
            server.app().stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static String table(Map<String, Object> r, List<Long> bytes, Map<Integer, Integer> distinct, int runs) {
        Map<String, Object> ms = (Map<String, Object>) r.get("ms");
        StringBuilder sb = new StringBuilder();
        sb.append("| model | file bytes | browser seq 32 ms | browser seq 128 ms |\n|---|---:|---:|---:|\n");
        for (int i = 0; i < NAMES.size(); i++) {
            double m32 = Stats.median(doubles(((List<Object>) ms.get("32")).get(i)));
            double m128 = Stats.median(doubles(((List<Object>) ms.get("128")).get(i)));
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f |%n", NAMES.get(i), bytes.get(i), m32, m128));
        }
        sb.append(String.format(Locale.ROOT, "%nMedians of %d timed session.run calls per model and length (%d and %d distinct corpus "
                        + "sentences cut to 32 and 128 tokens, cycled), models taking turns on each input, after 5 warm-up runs each; "
                        + "ONNX Runtime Web %s WASM, 1 thread, no proxy worker; %s.%n",
                runs, distinct.get(32), distinct.get(128), r.get("ort"), r.get("agent")));
        return sb.toString();
    }

    /** Ids of each input as plain arrays (what WebDriver passes), repeated until there are {@code runs}. */
    private static List<Object> cycle(List<Map<String, Tensor>> inputs, int runs) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no corpus sentence is long enough");
        }
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            Map<String, Object> feeds = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : inputs.get(k % inputs.size()).entrySet()) {
                List<Long> ids = new ArrayList<>();
                for (long v : e.getValue().longs()) {
                    ids.add(v);
                }
                feeds.put(e.getKey(), ids);
            }
            out.add(feeds);
        }
        return out;
    }

    private static List<Double> doubles(Object values) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) values) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

    private static byte[] readEntry(Path jar, String entry) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("ONNX Runtime's int8 model: " + jar + " is missing (set tandem.bench.minilmQJar; mvn -pl models builds it)");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var e = zip.getEntry(entry);
            if (e == null) {
                throw new IllegalStateException(jar + " has no " + entry);
            }
            try (InputStream in = zip.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }
}
