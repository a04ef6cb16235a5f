package io.tandem.server.bench;

import io.tandem.pipeline.batch.PreparedBatch;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.server.ServerConfig;
import io.tandem.server.TandemServer;
import io.tandem.server.inference.Batcher;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.ModelRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput and P50/P99 latency of {@code POST /api/v1/models/minilm-l6-v2/predict} on loopback
 * at several concurrencies, with batching on and off (prediction cache off, so every request
 * runs the model), against the ceiling: onnxruntime Java called directly in a loop on
 * already-prepared batches of the same sizes. A command, not a test:
 *
 * <pre>mvn -q -pl server test-compile exec:java</pre>
 *
 * System properties: {@code tandem.models}, {@code tandem.benchmarkReport} (Markdown written there),
 * {@code tandem.benchSeconds} (measured seconds per round, default 3), {@code tandem.benchRounds}
 * (rounds per row, the median kept, default 3), {@code tandem.benchConcurrency} (default 1,8,32,64),
 * {@code tandem.benchOrtThreads} (intra-op threads, default onnxruntime's),
 * {@code tandem.benchDelayMs} and {@code tandem.benchWorkers} (batching settings).
 */
public final class PredictBenchmark {
    private static final String MODEL = "minilm-l6-v2";
    private static final String[] SENTENCES = {
            "A cat sits on the mat.",
            "Stock markets fell sharply on Tuesday after the central bank raised interest rates.",
            "How do I reset my password?",
            "The quick brown fox jumps over the lazy dog.",
            "Tandem runs the same Java pipeline in the browser and on the server.",
            "What is the weather like in Lisbon in October?",
            "Embeddings map sentences with similar meaning to nearby vectors.",
            "I would like to return the shoes I bought last week because they are too small.",
            "Neural networks are trained with gradient descent.",
            "Please summarise the attached report in three bullet points for the board meeting.",
            "Where is the nearest train station?",
            "The museum is closed on Mondays.",
            "Batching gathers concurrent requests into one model run.",
            "She played the violin beautifully at the concert last night.",
            "Can you recommend a good book about the history of mathematics?",
            "Heavy rain is expected this weekend across the north of the country.",
    };

    private PredictBenchmark() {
    }

    record Row(String mode, int concurrency, long requests, double seconds, double p50, double p99, int errors) {
        double throughput() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(System.getProperty("tandem.models", "models")).toAbsolutePath().normalize();
        Path report = Path.of(System.getProperty("tandem.benchmarkReport", "docs/server-benchmarks.md"));
        int seconds = Integer.getInteger("tandem.benchSeconds", 3);
        int rounds = Integer.getInteger("tandem.benchRounds", 3);
        int[] levels = Arrays.stream(System.getProperty("tandem.benchConcurrency", "1,8,32,64").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();

        int ortThreads = Integer.getInteger("tandem.benchOrtThreads", 0);
        ServerConfig defaults = ServerConfig.forModels(models).withCache(ServerConfig.Cache.off()).withOrtThreads(ortThreads);
        ServerConfig.Inference d = defaults.inference();
        ServerConfig base = defaults.withInference(new ServerConfig.Inference(true, d.maxBatchSize(),
                Duration.ofMillis(Integer.getInteger("tandem.benchDelayMs", (int) d.maxQueueDelay().toMillis())),
                d.queueCapacity(), Integer.getInteger("tandem.benchWorkers", d.workers()), d.timeout()));
        List<Row> rows = new ArrayList<>();
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // Both servers up at once and measured in turn at each concurrency, so neither is always the
        // one that ran first (cold JIT) or during someone else's burst on a shared machine.
        TandemServer on = TandemServer.create(base.withInference(base.inference().withBatching(true)));
        TandemServer off = TandemServer.create(base.withInference(base.inference().withBatching(false)));
        on.app().start(0);
        off.app().start(0);
        try {
            String onUrl = "http://localhost:" + on.app().port() + "/api/v1/models/" + MODEL + "/predict";
            String offUrl = "http://localhost:" + off.app().port() + "/api/v1/models/" + MODEL + "/predict";
            // JIT warm-up of the whole path once.
            http("warm-up", onUrl, 8, 4);
            http("warm-up", offUrl, 8, 4);
            for (int c : levels) {
                List<Row> as = new ArrayList<>();
                List<Row> bs = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    as.add(http("server, batching on", onUrl, c, seconds));
                    bs.add(http("server, batching off", offUrl, c, seconds));
                }
                Row a = median(as);
                Row b = median(bs);
                rows.add(a);
                rows.add(b);
                System.out.println(format(a));
                System.out.println(format(b));
            }
        } finally {
            on.app().stop();
            off.app().stop();
        }
        String variant;
        try (ModelRegistry registry = ModelRegistry.load(models, ortThreads)) {
            ServerModel model = registry.find(MODEL).orElseThrow();
            variant = model.variant().name() + " (" + model.variant().file().path() + ")";
            for (boolean batching : new boolean[]{true, false}) {
                try (Predictor predictor = new Predictor(registry, base.inference().withBatching(batching), m -> Batcher.Listener.NONE)) {
                    for (int c : levels) {
                        List<Row> runs = new ArrayList<>();
                        for (int r = 0; r < rounds; r++) {
                            runs.add(inProcess(batching ? "in-process Predictor, batching on" : "in-process Predictor, batching off",
                                    predictor, model, c, seconds));
                        }
                        Row row = median(runs);
                        rows.add(row);
                        System.out.println(format(row));
                    }
                }
            }
            for (int c : levels) {
                List<Row> runs = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    runs.add(ceiling(model, c, seconds));
                }
                Row row = median(runs);
                rows.add(row);
                System.out.println(format(row));
            }
        }
        double loadAfter = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        write(report, rows, seconds, rounds, base, variant, loadBefore, loadAfter);
        System.out.println("wrote " + report.toAbsolutePath());
        // HttpClient and onnxruntime leave threads behind; this is a command, so end it here.
        System.exit(0);
    }

    /** {@code concurrency} clients, each sending its next request when the last one answered. */
    private static Row http(String mode, String url, int concurrency, int seconds) throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        run(client, url, concurrency, 1, new ArrayList<>());   // warm-up
        List<long[]> perThread = new ArrayList<>();
        long start = System.nanoTime();
        AtomicInteger errors = run(client, url, concurrency, seconds, perThread);
        double elapsed = (System.nanoTime() - start) / 1e9;
        clientThreads.shutdownNow();
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Row(mode, concurrency, all.length, elapsed, pct(all, 0.50), pct(all, 0.99), errors.get());
    }

    private static AtomicInteger run(HttpClient client, String url, int concurrency, int seconds, List<long[]> latencies)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int offset = t;
            futures.add(pool.submit(() -> {
                long[] lat = new long[1024];
                int n = 0;
                for (int i = offset; System.nanoTime() < until; i++) {
                    String body = "{\"input\":\"" + SENTENCES[i % SENTENCES.length] + "\"}";
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                    long s = System.nanoTime();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    long ns = System.nanoTime() - s;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = ns;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        for (Future<long[]> f : futures) {
            latencies.add(f.get());
        }
        pool.shutdown();
        return errors;
    }

    /** The server's predict path without HTTP: tokenize, queue/batch, run, pool, from {@code concurrency} threads. */
    private static Row inProcess(String mode, Predictor predictor, ServerModel model, int concurrency, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<long[]> perThread = new ArrayList<>();
        long start = 0;
        for (int phase = 0; phase < 2; phase++) {   // warm-up, then measured
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(phase == 0 ? 1 : seconds);
            start = System.nanoTime();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    for (int i = offset; System.nanoTime() < until; i++) {
                        long s = System.nanoTime();
                        predictor.predict(model, ModelInput.text(SENTENCES[i % SENTENCES.length]));
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - s;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            perThread.clear();
            for (Future<long[]> f : futures) {
                perThread.add(f.get());
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Row(mode, concurrency, all.length, elapsed, pct(all, 0.50), pct(all, 0.99), 0);
    }

    /** onnxruntime directly: the same model run in a loop on a prepared batch of {@code batch} sentences. */
    private static Row ceiling(ServerModel model, int batch, int seconds) throws Exception {
        // The sentences in turn, as the HTTP clients send them: batches differ, as do their paddings.
        Prepared[] batches = new Prepared[SENTENCES.length];
        for (int b = 0; b < batches.length; b++) {
            List<Prepared> inputs = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                inputs.add(model.pipeline().preprocess(ModelInput.text(SENTENCES[(b * batch + i) % SENTENCES.length])));
            }
            batches[b] = PreparedBatch.stack(inputs).batched();
        }
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; System.nanoTime() < warmUntil; i++) {
            model.run(batches[i % batches.length]);
        }
        long[] lat = new long[1 << 16];
        int n = 0;
        long start = System.nanoTime();
        long until = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until && n < lat.length) {
            long s = System.nanoTime();
            model.run(batches[n % batches.length]);
            lat[n++] = System.nanoTime() - s;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = Arrays.copyOf(lat, n);
        Arrays.sort(sorted);
        return new Row("ceiling: onnxruntime Java, batch " + batch, batch, (long) n * batch, elapsed,
                pct(sorted, 0.50), pct(sorted, 0.99), 0);
    }

    /** The round with the median throughput: one burst of someone else's work moves it less than a mean. */
    private static Row median(List<Row> rounds) {
        List<Row> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Row::throughput));
        return sorted.get(sorted.size() / 2);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    private static String format(Row r) {
        return String.format("| %s | %d | %d | %.1f | %.2f | %.2f | %d |", r.mode(), r.concurrency(), r.requests(),
                r.throughput(), r.p50(), r.p99(), r.errors());
    }

    private static void write(Path report, List<Row> rows, int seconds, int rounds, ServerConfig config, String variant,
                              double loadBefore, double loadAfter) throws IOException {
        ServerConfig.Inference inference = config.inference();
        StringBuilder md = new StringBuilder();
        md.append("# Server benchmark: POST /predict for ").append(MODEL).append("\n\n");
        md.append("Written by `mvn -q -pl server test-compile exec:java` (class `io.tandem.server.bench.PredictBenchmark`) on ")
                .append(Instant.now()).append(".\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPU cores shared by the load generator, ")
                .append("the server and onnxruntime; Java ").append(System.getProperty("java.version")).append(". Loopback only. ")
                .append("Each row: the median-throughput one of ").append(rounds).append(" rounds (batching on and off taking turns), ")
                .append("each a warm-up, then ").append(seconds).append(" s of closed-loop load; ")
                .append("prediction cache off so every request runs the model; sentences of 4 to 15 words. ")
                .append(String.format("System load average (1 min) %.2f at the start, %.2f at the end: ", loadBefore, loadAfter))
                .append("anything above ~2 means other processes shared the cores and the figures are noisy.\n\n");
        md.append("Batching settings: max batch ").append(inference.maxBatchSize()).append(", max queue delay ")
                .append(inference.maxQueueDelay().toMillis()).append(" ms, ").append(inference.workers())
                .append(" inference worker(s) per model, queue bound ").append(inference.queueCapacity())
                .append(", onnxruntime intra-op threads ").append(config.ortThreads() == 0 ? "onnxruntime's default" : config.ortThreads())
                .append(" (server and ceiling alike).\n\n");
        md.append("Variant the server runs: ").append(variant).append(".\n\n");
        md.append("In-process rows call the server's `Predictor` (tokenize, queue and batch, run, pool) from as many ")
                .append("threads as the concurrency, without HTTP or JSON: the gap to the HTTP rows is the web layer plus ")
                .append("the load generator sharing the cores.\n\n");
        md.append("For the ceiling rows, concurrency = batch size, requests = sentences embedded, and latency is one ")
                .append("`session.run` of the whole batch (tensor creation and copy-out included, no HTTP, no tokenizing), ")
                .append("one call after another from one thread. Above 100 % in the last column, the server, which tokenizes, ")
                .append("batches and pools on other threads while onnxruntime runs, kept the two cores busier than that one ")
                .append("stream of calls does: the ceiling is a single caller's, not the machine's.\n\n");
        md.append("| mode | concurrency | requests | throughput (req/s) | P50 ms | P99 ms | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(format(r)).append('\n');
        }
        md.append("\n| concurrency | batching on / off | batching on / ceiling |\n|---:|---:|---:|\n");
        for (Row on : rows) {
            if (!on.mode().equals("server, batching on")) {
                continue;
            }
            Row off = find(rows, "server, batching off", on.concurrency());
            Row ceiling = find(rows, "ceiling: onnxruntime Java, batch " + on.concurrency(), on.concurrency());
            md.append(String.format("| %d | %.2f | %.0f%% |%n", on.concurrency(),
                    off == null ? Double.NaN : on.throughput() / off.throughput(),
                    ceiling == null ? Double.NaN : 100 * on.throughput() / ceiling.throughput()));
        }
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, md.toString());
    }

    private static Row find(List<Row> rows, String mode, int concurrency) {
        for (Row r : rows) {
            if (r.mode().equals(mode) && r.concurrency() == concurrency) {
                return r;
            }
        }
        return null;
    }
}
