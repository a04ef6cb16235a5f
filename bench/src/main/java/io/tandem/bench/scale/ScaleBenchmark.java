package io.tandem.bench.scale;

import io.tandem.testkit.ModelsSubset;
import io.tandem.testkit.NginxProcess;
import io.tandem.testkit.RedisProcess;
import io.tandem.testkit.TandemProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tandem bench-scale}: Redis, nginx (deploy/nginx/tandem.conf.template) and 1, 2, 3
 * Tandem instances in turn, measured side by side in one run — /predict throughput and latency
 * through nginx with the cache bypassed, job throughput with a worker on each instance — and then
 * what sharing state costs: cache hits and rate-limit checks with Redis against the same on an
 * instance of its own. Prints a table and writes docs/scale.md.
 */
public final class ScaleBenchmark {
    private static final String MODEL = "penguins";
    private static final String PREDICT = "/api/v1/models/" + MODEL + "/predict";
    private static final String KEY = "bench-key";
    /** Generous enough never to refuse the benchmark: the check is what is measured, not a refusal. */
    private static final String LIMIT = "1000000";
    static final String OWN_TIER = "hit, Redis-backed cache, instance's own tier";
    static final String FROM_REDIS = "hit, Redis-backed cache, from Redis (made on another instance)";

    private final ScaleOptions options;
    private final Path root;
    private final Path jar;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ScaleBenchmark(ScaleOptions options, Path root) {
        this.options = options;
        this.root = root;
        this.jar = Path.of(System.getProperty("tandem.server.jar", root.resolve("server/target/tandem-server.jar").toString()));
        this.logs = root.resolve("bench/target/scale-logs");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tandem.bench.root", "..")).toAbsolutePath().normalize();
        ScaleOptions options;
        try {
            options = ScaleOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-scale: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new ScaleBenchmark(options, root).run());
    }

    private int run() throws Exception {
        Path models = ModelsSubset.of(Path.of(System.getProperty("tandem.models", root.resolve("models").toString())),
                Files.createTempDirectory("tandem-bench-scale-"), List.of(MODEL));
        Path template = root.resolve("deploy/nginx/tandem.conf.template");
        ScaleReport report = new ScaleReport(options, Machine.here());
        System.out.println("bench-scale: " + report.machine().describe() + "; logs in " + logs);
        List<TandemProcess> started = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start()) {
            List<TandemProcess> cluster = new ArrayList<>();
            for (int n = 1; n <= options.instances(); n++) {
                TandemProcess instance = TandemProcess.startAll(List.of(server("i" + n, models, Map.of("TANDEM_REDIS_URL", redis.url().toString())))).get(0);
                cluster.add(instance);
                started.add(instance);
                report.add(measureCluster(template, cluster));
            }
            // The shared-state rows compare instances with the same history: four started together and
            // warmed alike (a JVM that ran the load above has a hotter JIT than a new one, which would
            // show as a difference of paths). The first cluster instance stays, to fill the cache in
            // Redis for the "from Redis" row; the others are stopped so that they leave the cores.
            for (TandemProcess extra : cluster.subList(1, cluster.size())) {
                extra.stop();
            }
            String url = redis.url().toString();
            Map<String, String> limited = Map.of("TANDEM_API_KEYS", KEY, "TANDEM_RATE_LIMIT_PER_KEY", LIMIT);
            Map<String, String> redisLimited = new java.util.HashMap<>(limited);
            redisLimited.put("TANDEM_REDIS_URL", url);
            List<TandemProcess> fresh = TandemProcess.startAll(List.of(
                    server("local", models, Map.of()),
                    server("local-limited", models, limited),
                    server("redis", models, Map.of("TANDEM_REDIS_URL", url)),
                    server("redis-limited", models, redisLimited)));
            started.addAll(fresh);
            measureSharedState(report, cluster.get(0), fresh.get(0), fresh.get(1), fresh.get(2), fresh.get(3));
        } finally {
            started.forEach(TandemProcess::kill9);
        }
        String markdown = report.markdown();
        System.out.println(report.table());
        Files.createDirectories(options.out().getParent());
        Files.writeString(options.out(), markdown, StandardCharsets.UTF_8);
        System.out.println("bench-scale: wrote " + options.out());
        return report.somethingLost() ? 1 : 0;
    }

    /** A server of the benchmark: one onnxruntime thread and one job worker each, so instances add workers. */
    private TandemProcess.Builder server(String id, Path models, Map<String, String> env) {
        return TandemProcess.builder(jar).instance(id).models(models).logDir(logs).jvm("-Xmx512m")
                .env("TANDEM_ORT_THREADS", "1")
                .env("TANDEM_JOB_WORKERS", "1")
                .env("TANDEM_JOB_QUEUE_CAPACITY", "64")
                .env("TANDEM_JOB_MAX_PER_CLIENT", "64")
                .env("TANDEM_TRUSTED_PROXIES", "1")
                .env(env);
    }

    private ScaleReport.ClusterRow measureCluster(Path template, List<TandemProcess> cluster) throws Exception {
        try (NginxProcess nginx = NginxProcess.start(template, cluster.stream().map(TandemProcess::port).toList())) {
            int n = cluster.size();
            System.out.printf("bench-scale: %d instance(s) behind nginx: /predict at concurrency %d for %d s%n", n, options.concurrency(), options.seconds());
            ClosedLoopLoad load = new ClosedLoopLoad(http, options.concurrency());
            long offset = n * 10_000_000L;
            load.run(Duration.ofSeconds(3), i -> predict(nginx.url(PREDICT), offset + i, true));
            ClosedLoopLoad.Result predict = load.run(Duration.ofSeconds(options.seconds()), i -> predict(nginx.url(PREDICT), offset + 5_000_000 + i, true));
            System.out.printf("bench-scale: %d jobs of %d records%n", options.jobs(), options.jobInputs());
            JobBatch.Result jobs = new JobBatch(http, nginx.url("")).run(MODEL, options.jobs(),
                    PenguinRecords.records(n * 1000L, options.jobInputs()), Duration.ofMinutes(3));
            return new ScaleReport.ClusterRow(n, predict, jobs);
        }
    }

    private void measureSharedState(ScaleReport report, TandemProcess filler, TandemProcess local, TandemProcess localLimited,
                                    TandemProcess redisBacked, TandemProcess redisLimited) throws Exception {
        for (TandemProcess instance : List.of(local, localLimited, redisBacked, redisLimited)) {
            new ClosedLoopLoad(http, 4).run(Duration.ofSeconds(6), n -> withKey(predict(instance.url(PREDICT), 30_000_000 + n % 500, false)));
        }
        int count = options.probes();
        int warmUp = Math.max(300, count / 5);
        System.out.printf("bench-scale: shared-state overhead, %d sequential requests a row, the rows interleaved%n", count);
        List<SequentialProbe.Path> paths = List.of(
                // Misses: each record new, so the model runs and the answer is stored (in Redis too on redisBacked).
                SequentialProbe.Path.of("miss, local cache", local, n -> predict(local.url(PREDICT), 20_000_000 + n, false), "MISS"),
                SequentialProbe.Path.of("miss, Redis-backed cache", redisBacked, n -> predict(redisBacked.url(PREDICT), 21_000_000 + n, false), "MISS"),
                // Hits: one record asked again and again.
                SequentialProbe.Path.of("hit, local cache", local, n -> predict(local.url(PREDICT), 1, false), "HIT"),
                SequentialProbe.Path.of(OWN_TIER, redisBacked, n -> predict(redisBacked.url(PREDICT), 1, false), "HIT"),
                // A hit from Redis itself: the record was predicted on the other instance just
                // before, so this instance has it only in Redis.
                new SequentialProbe.Path(FROM_REDIS, redisBacked,
                        n -> sendQuietly(predict(filler.url(PREDICT), 22_000_000 + n, false)),
                        n -> predict(redisBacked.url(PREDICT), 22_000_000 + n, false), "HIT"),
                // Rate limits: the same repeated hit, with a per-key limit checked on every request.
                SequentialProbe.Path.of("hit + per-key limit, local buckets", localLimited,
                        n -> withKey(predict(localLimited.url(PREDICT), 1, false)), "HIT"),
                SequentialProbe.Path.of("hit + per-key limit, buckets in Redis", redisLimited,
                        n -> withKey(predict(redisLimited.url(PREDICT), 1, false)), "HIT"));
        new SequentialProbe(http).measure(paths, warmUp, count).forEach((path, result) -> report.add(path.name(), path.instance(), result));
    }

    private static HttpRequest predict(String url, long record, boolean bypassCache) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PenguinRecords.predictBody(record)));
        if (bypassCache) {
            // server/README.md, Prediction cache: neither read nor stored.
            b.header("Cache-Control", "no-cache");
        }
        return b.build();
    }

    private static HttpRequest withKey(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + KEY).build();
    }

    private void sendQuietly(HttpRequest request) {
        try {
            http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("filling the cache on the other instance failed: " + e, e);
        }
    }
}
