package io.tandem.server.shared;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Where the state that several instances must agree on lives. Without a Redis URL everything
 * stays in this process, as on one machine; with one, the prediction cache, rate limits, jobs,
 * rollouts and drift windows are shared through Redis.
 *
 * @param redisUrl         {@code TANDEM_REDIS_URL}, e.g. {@code redis://redis:6379/0}; null = one machine
 * @param cacheRedisUrl    {@code TANDEM_REDIS_CACHE_URL}: a second Redis for the prediction cache only,
 *                         so an {@code allkeys-lru} eviction policy there never evicts a job
 *                         (default: the same Redis)
 * @param prefix           {@code TANDEM_REDIS_PREFIX}: every key starts with it, so two deployments
 *                         can share one Redis (default {@code tandem})
 * @param instanceId       {@code TANDEM_INSTANCE_ID}: this instance's name among the others (its
 *                         consumer name on the job stream); default host name, process id and a
 *                         random suffix, so a restarted process never takes a dead one's name
 * @param cacheTtl         {@code TANDEM_CACHE_TTL_S}: how long a shared prediction is kept (default 1 h)
 * @param jobVisibility    {@code TANDEM_JOB_VISIBILITY_TIMEOUT_S}: a running job whose worker has not
 *                         renewed its claim for this long is taken by another instance (default 15 s)
 * @param jobMaxAttempts   {@code TANDEM_JOB_MAX_ATTEMPTS}: times a job is started before it is
 *                         dead-lettered (default 3)
 */
public record SharedStateConfig(URI redisUrl, URI cacheRedisUrl, String prefix, String instanceId,
                                Duration cacheTtl, Duration jobVisibility, int jobMaxAttempts) {
    public SharedStateConfig {
        if (redisUrl != null) {
            checkUrl("TANDEM_REDIS_URL", redisUrl);
        }
        if (cacheRedisUrl != null) {
            checkUrl("TANDEM_REDIS_CACHE_URL", cacheRedisUrl);
            if (redisUrl == null) {
                throw new IllegalArgumentException("TANDEM_REDIS_CACHE_URL needs TANDEM_REDIS_URL: the cache is shared only when the rest is");
            }
        }
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("TANDEM_REDIS_PREFIX must be 1–32 letters, digits, '.', '_' or '-'");
        }
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new IllegalArgumentException("TANDEM_INSTANCE_ID must be 1–100 letters, digits, '.', '_', ':' or '-'");
        }
        if (cacheTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("TANDEM_CACHE_TTL_S must be at least 1");
        }
        if (jobVisibility.toSeconds() < 2) {
            throw new IllegalArgumentException("TANDEM_JOB_VISIBILITY_TIMEOUT_S must be at least 2 (a worker renews its claim every third of it)");
        }
        if (jobMaxAttempts < 1) {
            throw new IllegalArgumentException("TANDEM_JOB_MAX_ATTEMPTS must be at least 1");
        }
    }

    public static SharedStateConfig local() {
        return new SharedStateConfig(null, null, "tandem", defaultInstanceId(), Duration.ofHours(1), Duration.ofSeconds(15), 3);
    }

    /** Shared through the Redis at {@code url}, everything else at its default. */
    public static SharedStateConfig redis(URI url) {
        SharedStateConfig d = local();
        return new SharedStateConfig(url, null, d.prefix(), d.instanceId(), d.cacheTtl(), d.jobVisibility(), d.jobMaxAttempts());
    }

    public boolean enabled() {
        return redisUrl != null;
    }

    public SharedStateConfig withPrefix(String p) {
        return new SharedStateConfig(redisUrl, cacheRedisUrl, p, instanceId, cacheTtl, jobVisibility, jobMaxAttempts);
    }

    public SharedStateConfig withInstanceId(String id) {
        return new SharedStateConfig(redisUrl, cacheRedisUrl, prefix, id, cacheTtl, jobVisibility, jobMaxAttempts);
    }

    public SharedStateConfig withJobs(Duration visibility, int maxAttempts) {
        return new SharedStateConfig(redisUrl, cacheRedisUrl, prefix, instanceId, cacheTtl, visibility, maxAttempts);
    }

    /** The URL as logs and {@code /ready} show it: never the password. */
    public static String redacted(URI url) {
        if (url == null) {
            return null;
        }
        String host = url.getHost() == null ? "?" : url.getHost();
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getPath() == null ? "" : url.getPath();
        return url.getScheme() + "://" + (url.getUserInfo() == null ? "" : "***@") + host + port + path;
    }

    public static SharedStateConfig fromEnvironment(Map<String, String> env) {
        SharedStateConfig d = local();
        return new SharedStateConfig(url(env, "TANDEM_REDIS_URL"), url(env, "TANDEM_REDIS_CACHE_URL"),
                env.getOrDefault("TANDEM_REDIS_PREFIX", d.prefix()).trim(),
                env.getOrDefault("TANDEM_INSTANCE_ID", d.instanceId()).trim(),
                Duration.ofSeconds(whole(env, "TANDEM_CACHE_TTL_S", d.cacheTtl().toSeconds())),
                Duration.ofSeconds(whole(env, "TANDEM_JOB_VISIBILITY_TIMEOUT_S", d.jobVisibility().toSeconds())),
                (int) Math.min(Integer.MAX_VALUE, whole(env, "TANDEM_JOB_MAX_ATTEMPTS", d.jobMaxAttempts())));
    }

    private static URI url(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return URI.create(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + v.trim() + "' (expected redis://host:port/db)");
        }
    }

    private static void checkUrl(String name, URI url) {
        if (!("redis".equals(url.getScheme()) || "rediss".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be redis://host:port/db or rediss://… (TLS), got '" + redacted(url) + "'");
        }
    }

    private static long whole(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v.trim() + "'");
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            host = "host";
        }
        if (host.length() > 60) {
            host = host.substring(0, 60);
        }
        long pid = ProcessHandle.current().pid();
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
