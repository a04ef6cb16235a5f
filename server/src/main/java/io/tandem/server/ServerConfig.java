package io.tandem.server;

import io.tandem.server.shared.SharedStateConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the server needs to start, read once from the environment by {@link Main}; tests
 * build it directly.
 *
 * @param port            HTTP port ({@code PORT}, default 8080)
 * @param modelsDir       folder holding one bundle per sub-folder ({@code TANDEM_MODELS})
 * @param ortThreads      intra-op threads per onnxruntime session, 0 = onnxruntime's default
 *                        ({@code TANDEM_ORT_THREADS})
 * @param maxRequestBytes largest request body accepted ({@code TANDEM_MAX_REQUEST_BYTES})
 * @param inference       batching, queue bound and time limit of server-side inference
 * @param cache           the prediction cache
 * @param access          API keys and rate limits
 * @param jobs            asynchronous jobs
 * @param maxImagePixels  most pixels (width × height) an image input may have, judged from the
 *                        header before decoding ({@code TANDEM_MAX_IMAGE_PIXELS}, default 2048 × 2048)
 * @param connections     Jetty's connection limits: idle timeout, connection count, slowest body
 * @param models          how many bundles the server holds and how often it looks for new ones
 * @param shared          where state shared by several instances lives: in this process (the
 *                        default) or in Redis ({@code TANDEM_REDIS_URL})
 */
public record ServerConfig(int port, Path modelsDir, int ortThreads, long maxRequestBytes,
                           Inference inference, Cache cache, Access access, Jobs jobs,
                           long maxImagePixels, Connections connections, Models models, SharedStateConfig shared) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /**
     * 2048 × 2048 = 4.2 MP: a phone photo scaled for upload fits, and the models here take 28×28
     * to 224×224, so nothing larger helps an answer. Decoding that is ~16 MB of ARGB and well under
     * a second; 4096 × 4096 would be 64 MB and seconds of CPU per request.
     */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 2048L * 2048;

    public ServerConfig {
        require(maxRequestBytes >= 1, "TANDEM_MAX_REQUEST_BYTES must be at least 1");
        require(maxImagePixels >= 1, "TANDEM_MAX_IMAGE_PIXELS must be at least 1");
    }

    /** As before the image and connection bounds were settings: their defaults. */
    public ServerConfig(int port, Path modelsDir, int ortThreads, long maxRequestBytes,
                        Inference inference, Cache cache, Access access, Jobs jobs) {
        this(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs,
                DEFAULT_MAX_IMAGE_PIXELS, Connections.defaults());
    }

    /** One machine: state in this process. */
    public ServerConfig(int port, Path modelsDir, int ortThreads, long maxRequestBytes,
                        Inference inference, Cache cache, Access access, Jobs jobs,
                        long maxImagePixels, Connections connections, Models models) {
        this(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs,
                maxImagePixels, connections, models, SharedStateConfig.local());
    }

    /** As before the models folder had settings: their defaults. */
    public ServerConfig(int port, Path modelsDir, int ortThreads, long maxRequestBytes,
                        Inference inference, Cache cache, Access access, Jobs jobs,
                        long maxImagePixels, Connections connections) {
        this(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs,
                maxImagePixels, connections, Models.defaults());
    }

    /**
     * The bundles of the models folder: each loads on its own (a broken one is reported, not
     * fatal), and bundle folders added while the server runs are picked up.
     *
     * @param rescanPeriod how often a single watcher thread looks for new or changed bundle folders
     *                     ({@code TANDEM_MODELS_RESCAN_SECONDS}, default 5 s; 0 = never, only at start)
     * @param maxModels    models loaded at most; a bundle beyond it is reported broken, and at most
     *                     as many broken bundles are listed ({@code TANDEM_MAX_MODELS}, default 64)
     */
    public record Models(Duration rescanPeriod, int maxModels) {
        public Models {
            require(!rescanPeriod.isNegative(), "TANDEM_MODELS_RESCAN_SECONDS must not be negative");
            require(maxModels >= 1, "TANDEM_MAX_MODELS must be at least 1");
        }

        public static Models defaults() {
            return new Models(Duration.ofSeconds(5), 64);
        }

        public boolean rescanning() {
            return !rescanPeriod.isZero();
        }
    }

    /**
     * How long and how many connections Jetty keeps for callers.
     *
     * @param idleTimeout       a connection with no bytes moving for this long is closed, mid-request
     *                          included ({@code TANDEM_IDLE_TIMEOUT_S}, default 30 s)
     * @param maxConnections    open connections at most; beyond it Jetty stops accepting until one
     *                          closes ({@code TANDEM_MAX_CONNECTIONS}, default 1000)
     * @param minBodyBytesPerSecond a request body arriving slower than this on average is
     *                          abandoned with 408, so a trickled body cannot hold a thread for long
     *                          ({@code TANDEM_MIN_BODY_BYTES_PER_S}, default 1024; 0 = off)
     * @param trustedProxies    proxies in front of the server (nginx, a cloud load balancer) whose
     *                          {@code X-Forwarded-For} entries are believed: the client's address is
     *                          the entry that many places from the right ({@code TANDEM_TRUSTED_PROXIES},
     *                          default 0: the connection's own address, since a caller writes that
     *                          header freely)
     */
    public record Connections(Duration idleTimeout, int maxConnections, long minBodyBytesPerSecond, int trustedProxies) {
        public Connections(Duration idleTimeout, int maxConnections, long minBodyBytesPerSecond) {
            this(idleTimeout, maxConnections, minBodyBytesPerSecond, 0);
        }

        public Connections {
            require(trustedProxies >= 0 && trustedProxies <= 10, "TANDEM_TRUSTED_PROXIES must be 0 to 10");
            require(idleTimeout.toMillis() >= 1, "TANDEM_IDLE_TIMEOUT_S must be positive");
            require(maxConnections >= 1, "TANDEM_MAX_CONNECTIONS must be at least 1");
            require(minBodyBytesPerSecond >= 0, "TANDEM_MIN_BODY_BYTES_PER_S must not be negative");
        }

        public static Connections defaults() {
            return new Connections(Duration.ofSeconds(30), 1000, 1024);
        }
    }

    /**
     * How predict requests reach onnxruntime: each model has a bounded queue served by
     * {@code workers} threads; with batching on, a worker gathers up to {@code maxBatchSize}
     * queued requests, waiting at most {@code maxQueueDelay} after the first, into one run.
     *
     * @param batching      {@code TANDEM_BATCHING} (true/false, default true)
     * @param maxBatchSize  {@code TANDEM_BATCH_MAX_SIZE} (default 32)
     * @param maxQueueDelay how long a worker holds a batch open for more requests
     *                      ({@code TANDEM_BATCH_MAX_DELAY_MS}, default 0: a batch is what queued up
     *                      while the previous run was busy, so a lone request never waits)
     * @param queueCapacity requests waiting per model before 503 ({@code TANDEM_QUEUE_CAPACITY}, default 256)
     * @param workers       inference threads per model ({@code TANDEM_INFERENCE_WORKERS}, default 1)
     * @param timeout       per-request time limit, queue wait included ({@code TANDEM_REQUEST_TIMEOUT_MS}, default 10 s)
     */
    public record Inference(boolean batching, int maxBatchSize, Duration maxQueueDelay, int queueCapacity,
                            int workers, Duration timeout) {
        public Inference {
            require(maxBatchSize >= 1, "TANDEM_BATCH_MAX_SIZE must be at least 1");
            require(!maxQueueDelay.isNegative(), "TANDEM_BATCH_MAX_DELAY_MS must not be negative");
            require(queueCapacity >= 1, "TANDEM_QUEUE_CAPACITY must be at least 1");
            require(workers >= 1, "TANDEM_INFERENCE_WORKERS must be at least 1");
            require(timeout.toMillis() >= 1, "TANDEM_REQUEST_TIMEOUT_MS must be at least 1");
        }

        public static Inference defaults() {
            return new Inference(true, 32, Duration.ZERO, 256, 1, Duration.ofSeconds(10));
        }

        /** The largest batch a run gets: 1 when batching is off. */
        public int effectiveBatchSize() {
            return batching ? maxBatchSize : 1;
        }

        public Inference withBatching(boolean on) {
            return new Inference(on, maxBatchSize, maxQueueDelay, queueCapacity, workers, timeout);
        }
    }

    /**
     * @param maxBytes estimated memory the cached predictions may take, least recently used evicted
     *                 first; 0 = no cache ({@code TANDEM_CACHE_MAX_MB}, default 64 MB)
     */
    public record Cache(long maxBytes) {
        public Cache {
            require(maxBytes >= 0, "TANDEM_CACHE_MAX_MB must not be negative");
        }

        public static Cache defaults() {
            return new Cache(64L * 1024 * 1024);
        }

        public static Cache off() {
            return new Cache(0);
        }

        public boolean enabled() {
            return maxBytes > 0;
        }
    }

    /** At most {@code requests} per {@code period}; 0 requests = no limit. */
    public record RateLimit(int requests, Duration period) {
        public RateLimit {
            require(requests >= 0, "a rate limit must not be negative");
            require(period.toMillis() >= 1, "a rate limit period must be positive");
        }

        public static RateLimit off() {
            return new RateLimit(0, Duration.ofMinutes(1));
        }

        public static RateLimit perMinute(int requests) {
            return new RateLimit(requests, Duration.ofMinutes(1));
        }

        public boolean enabled() {
            return requests > 0;
        }
    }

    /**
     * @param apiKeys keys accepted on the API ({@code TANDEM_API_KEYS}, comma-separated); empty =
     *                no key needed (the local demo)
     * @param perKey  predict requests per minute per API key ({@code TANDEM_RATE_LIMIT_PER_KEY}, 0 = off)
     * @param perIp   predict requests per minute per client address ({@code TANDEM_RATE_LIMIT_PER_IP}, 0 = off)
     * @param adminKeys keys accepted on the admin API, {@code /api/v1/admin/} ({@code TANDEM_ADMIN_KEYS},
     *                comma-separated); empty = the admin API is off. Separate from the API keys, which
     *                are handed to apps: using a model must not grant swapping it.
     * @param corsOrigins origins whose pages may call the API from a browser ({@code TANDEM_CORS_ORIGINS},
     *                comma-separated, exact scheme://host[:port]); empty (the default) = CORS off, only
     *                this server's own pages may.
     */
    public record Access(Set<String> apiKeys, RateLimit perKey, RateLimit perIp, Set<String> adminKeys, Set<String> corsOrigins) {
        public Access {
            apiKeys = Set.copyOf(apiKeys);
            adminKeys = Set.copyOf(adminKeys);
            corsOrigins = Set.copyOf(corsOrigins);
            for (String origin : corsOrigins) {
                require(origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?"), "TANDEM_CORS_ORIGINS: '" + origin
                        + "' is not an origin; expected scheme://host[:port] such as https://app.example.com (no path, no '*')");
            }
        }

        /** Without cross-origin callers. */
        public Access(Set<String> apiKeys, RateLimit perKey, RateLimit perIp, Set<String> adminKeys) {
            this(apiKeys, perKey, perIp, adminKeys, Set.of());
        }

        /** Without an admin API. */
        public Access(Set<String> apiKeys, RateLimit perKey, RateLimit perIp) {
            this(apiKeys, perKey, perIp, Set.of());
        }

        public static Access open() {
            return new Access(Set.of(), RateLimit.off(), RateLimit.off());
        }

        public Access withAdminKeys(Set<String> keys) {
            return new Access(apiKeys, perKey, perIp, keys, corsOrigins);
        }

        /** Pages of these origins may call the API from the browser (CORS); none by default. */
        public Access withCorsOrigins(Set<String> origins) {
            return new Access(apiKeys, perKey, perIp, adminKeys, origins);
        }

        public boolean keysRequired() {
            return !apiKeys.isEmpty();
        }
    }

    /**
     * @param queueCapacity jobs waiting before 503 ({@code TANDEM_JOB_QUEUE_CAPACITY}, default 16)
     * @param workers       jobs running at once ({@code TANDEM_JOB_WORKERS}, default 1)
     * @param maxInputs     inputs one job may hold ({@code TANDEM_JOB_MAX_INPUTS}, default 256)
     * @param ttl           how long a finished job's result is kept ({@code TANDEM_JOB_TTL_S}, default 600 s)
     * @param maxKept       jobs kept at once, finished ones included ({@code TANDEM_JOBS_KEPT}, default 64);
     *                      with the input bound this caps the memory results take (64 × 256
     *                      embeddings of 384 numbers ≈ 200 MB at most)
     * @param maxPerClient  jobs one client (its API key, else its address) may have queued or
     *                      running at once; the next is 429 ({@code TANDEM_JOB_MAX_PER_CLIENT}, default 2)
     */
    public record Jobs(int queueCapacity, int workers, int maxInputs, Duration ttl, int maxKept, int maxPerClient) {
        public static final int DEFAULT_MAX_PER_CLIENT = 2;

        public Jobs(int queueCapacity, int workers, int maxInputs, Duration ttl, int maxKept) {
            this(queueCapacity, workers, maxInputs, ttl, maxKept, DEFAULT_MAX_PER_CLIENT);
        }

        public Jobs {
            require(maxPerClient >= 1, "TANDEM_JOB_MAX_PER_CLIENT must be at least 1");
            require(queueCapacity >= 1, "TANDEM_JOB_QUEUE_CAPACITY must be at least 1");
            require(workers >= 1, "TANDEM_JOB_WORKERS must be at least 1");
            require(maxInputs >= 1, "TANDEM_JOB_MAX_INPUTS must be at least 1");
            require(ttl.toMillis() >= 1, "TANDEM_JOB_TTL_S must be positive");
            require(maxKept >= queueCapacity, "TANDEM_JOBS_KEPT must be at least TANDEM_JOB_QUEUE_CAPACITY");
        }

        public static Jobs defaults() {
            return new Jobs(16, 1, 256, Duration.ofMinutes(10), 64);
        }
    }

    public ServerConfig withShared(SharedStateConfig s) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, models, s);
    }

    public static ServerConfig forModels(Path modelsDir) {
        return new ServerConfig(DEFAULT_PORT, modelsDir, 0, DEFAULT_MAX_REQUEST_BYTES,
                Inference.defaults(), Cache.defaults(), Access.open(), Jobs.defaults());
    }

    public ServerConfig withInference(Inference inference) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, models, shared);
    }

    public ServerConfig withCache(Cache cache) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, models, shared);
    }

    public ServerConfig withAccess(Access access) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, models, shared);
    }

    public ServerConfig withJobs(Jobs jobs) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, models, shared);
    }

    public ServerConfig withOrtThreads(int threads) {
        return new ServerConfig(port, modelsDir, threads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, models, shared);
    }

    public ServerConfig withMaxRequestBytes(long bytes) {
        return new ServerConfig(port, modelsDir, ortThreads, bytes, inference, cache, access, jobs, maxImagePixels, connections, models, shared);
    }

    public ServerConfig withMaxImagePixels(long pixels) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, pixels, connections, models, shared);
    }

    public ServerConfig withModels(Models m) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, connections, m, shared);
    }

    public ServerConfig withConnections(Connections c) {
        return new ServerConfig(port, modelsDir, ortThreads, maxRequestBytes, inference, cache, access, jobs, maxImagePixels, c, models, shared);
    }

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        int port = intValue(env, "PORT", DEFAULT_PORT);
        Path models = Path.of(env.getOrDefault("TANDEM_MODELS", defaultModelsDir()));
        int threads = intValue(env, "TANDEM_ORT_THREADS", 0);
        long maxBytes = longValue(env, "TANDEM_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES);
        Inference d = Inference.defaults();
        Inference inference = new Inference(
                boolValue(env, "TANDEM_BATCHING", d.batching()),
                intValue(env, "TANDEM_BATCH_MAX_SIZE", d.maxBatchSize()),
                Duration.ofMillis(intValue(env, "TANDEM_BATCH_MAX_DELAY_MS", (int) d.maxQueueDelay().toMillis())),
                intValue(env, "TANDEM_QUEUE_CAPACITY", d.queueCapacity()),
                intValue(env, "TANDEM_INFERENCE_WORKERS", d.workers()),
                Duration.ofMillis(intValue(env, "TANDEM_REQUEST_TIMEOUT_MS", (int) d.timeout().toMillis())));
        Cache cache = new Cache(1024L * 1024 * intValue(env, "TANDEM_CACHE_MAX_MB", (int) (Cache.defaults().maxBytes() >> 20)));
        Access access = new Access(keys(env.get("TANDEM_API_KEYS")),
                RateLimit.perMinute(intValue(env, "TANDEM_RATE_LIMIT_PER_KEY", 0)),
                RateLimit.perMinute(intValue(env, "TANDEM_RATE_LIMIT_PER_IP", 0)),
                keys(env.get("TANDEM_ADMIN_KEYS")), keys(env.get("TANDEM_CORS_ORIGINS")));
        Jobs jd = Jobs.defaults();
        Jobs jobs = new Jobs(intValue(env, "TANDEM_JOB_QUEUE_CAPACITY", jd.queueCapacity()),
                intValue(env, "TANDEM_JOB_WORKERS", jd.workers()),
                intValue(env, "TANDEM_JOB_MAX_INPUTS", jd.maxInputs()),
                Duration.ofSeconds(intValue(env, "TANDEM_JOB_TTL_S", (int) jd.ttl().toSeconds())),
                intValue(env, "TANDEM_JOBS_KEPT", jd.maxKept()),
                intValue(env, "TANDEM_JOB_MAX_PER_CLIENT", jd.maxPerClient()));
        long maxPixels = longValue(env, "TANDEM_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS);
        Connections cd = Connections.defaults();
        Connections connections = new Connections(
                Duration.ofSeconds(intValue(env, "TANDEM_IDLE_TIMEOUT_S", (int) cd.idleTimeout().toSeconds())),
                intValue(env, "TANDEM_MAX_CONNECTIONS", cd.maxConnections()),
                longValue(env, "TANDEM_MIN_BODY_BYTES_PER_S", cd.minBodyBytesPerSecond()),
                intValue(env, "TANDEM_TRUSTED_PROXIES", cd.trustedProxies()));
        Models md = Models.defaults();
        Models bundles = new Models(Duration.ofSeconds(intValue(env, "TANDEM_MODELS_RESCAN_SECONDS", (int) md.rescanPeriod().toSeconds())),
                intValue(env, "TANDEM_MAX_MODELS", md.maxModels()));
        return new ServerConfig(port, models, threads, maxBytes, inference, cache, access, jobs, maxPixels, connections, bundles,
                SharedStateConfig.fromEnvironment(env));
    }

    private static Set<String> keys(String value) {
        Set<String> keys = new LinkedHashSet<>();
        if (value != null) {
            for (String k : value.split(",")) {
                if (!k.isBlank()) {
                    keys.add(k.trim());
                }
            }
        }
        return keys;
    }

    /** {@code models} under the working directory, or beside it when started from {@code server/}. */
    private static String defaultModelsDir() {
        return Files.isDirectory(Path.of("models")) || !Files.isDirectory(Path.of("../models")) ? "models" : "../models";
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static long longValue(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static boolean boolValue(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
