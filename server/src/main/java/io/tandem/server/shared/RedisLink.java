package io.tandem.server.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Redis the server shares state through: a connection pool with short timeouts (a Redis that
 * stops answering costs a request one second, not thirty), and what is known of its health. A
 * failed call marks it down and a ping every second marks it up again; each change is logged
 * once, loudly, because while it is down the cache and the limits are this instance's alone and
 * jobs are refused.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    /** Connect and read timeout: Redis answers in well under a millisecond on a healthy network. */
    static final int TIMEOUT_MS = 1000;
    /** Blocking reads (a worker waiting ~1 s for a job) get this long before a silent Redis counts as failed. */
    static final int BLOCKING_TIMEOUT_MS = 5000;
    static final int POOL_SIZE = 64;

    private final String role;
    private final URI url;
    private final String prefix;
    private final JedisPooled jedis;
    private final ScheduledExecutorService pinger;
    private volatile boolean up;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile long errors;

    private RedisLink(String role, URI url, String prefix, JedisPooled jedis, boolean startPinger) {
        this.role = role;
        this.url = url;
        this.prefix = prefix;
        this.jedis = jedis;
        this.up = ping();
        if (!up) {
            LOG.warn("Redis ({}) at {} does not answer: {}; {}", role, SharedStateConfig.redacted(url), lastError, consequence());
        }
        if (startPinger) {
            this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tandem-redis-ping-" + role);
                t.setDaemon(true);
                return t;
            });
            pinger.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        } else {
            this.pinger = null;
        }
    }

    /**
     * Opens a pool to {@code url}. Does not fail when Redis is down: the server starts, degraded,
     * and recovers when Redis answers.
     *
     * @param role what this Redis holds, for logs and metrics ({@code state} or {@code cache})
     */
    public static RedisLink open(String role, URI url, String prefix) {
        return new RedisLink(role, url, prefix, new JedisPooled(hostAndPort(url), clientConfig(url), poolConfig()), true);
    }

    /**
     * Job workers hold a connection through each blocking read and the change-notice subscriber
     * holds one for good, so the pool is larger than Jedis's 8; a caller waits at most a timeout
     * for a free one, never forever.
     */
    private static GenericObjectPoolConfig<Connection> poolConfig() {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
        return pool;
    }

    public String role() {
        return role;
    }

    /** A key under this deployment's prefix: {@code prefix:part:part…}. */
    public String key(String... parts) {
        StringBuilder b = new StringBuilder(prefix);
        for (String p : parts) {
            b.append(':').append(p);
        }
        return b.toString();
    }

    public boolean up() {
        return up;
    }

    public long errors() {
        return errors;
    }

    /** The pool itself, for clients that take one (bucket4j); prefer {@link #call}. */
    public UnifiedJedis jedis() {
        return jedis;
    }

    /**
     * Runs one Redis call; a connection or protocol failure marks Redis down and is rethrown as
     * {@link SharedStateUnavailableException}, which every caller either degrades on or answers 503.
     */
    public <T> T call(Function<UnifiedJedis, T> command) {
        try {
            T result = command.apply(jedis);
            if (!up) {
                markUp();
            }
            return result;
        } catch (JedisException e) {
            markDown(e);
            throw new SharedStateUnavailableException("Redis (" + role + ") at " + SharedStateConfig.redacted(url)
                    + " failed: " + oneLine(e), e);
        }
    }

    /** What {@code /ready} shows: where, whether it answers, since when, the last error. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", SharedStateConfig.redacted(url));
        m.put("up", up);
        m.put("since", since.toString());
        if (!up && lastError != null) {
            m.put("error", lastError);
            m.put("effect", consequence());
        }
        return m;
    }

    private void check() {
        boolean answered = ping();
        if (answered && !up) {
            markUp();
        } else if (!answered && up) {
            markDown(null);
        }
    }

    private boolean ping() {
        try {
            jedis.ping();
            return true;
        } catch (JedisException e) {
            lastError = oneLine(e);
            return false;
        }
    }

    private synchronized void markUp() {
        if (!up) {
            up = true;
            since = Instant.now();
            lastError = null;
            LOG.warn("Redis ({}) at {} answers again: shared state is back", role, SharedStateConfig.redacted(url));
        }
    }

    private synchronized void markDown(JedisException e) {
        errors++;
        if (e != null) {
            lastError = oneLine(e);
        }
        if (up) {
            up = false;
            since = Instant.now();
            LOG.warn("Redis ({}) at {} failed: {}; {}", role, SharedStateConfig.redacted(url), lastError, consequence());
        }
    }

    private String consequence() {
        return role.equals("cache")
                ? "predictions are cached by this instance alone until it is back"
                : "the cache and rate limits are this instance's alone and jobs are refused (503) until it is back";
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    private static HostAndPort hostAndPort(URI url) {
        return new HostAndPort(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort());
    }

    private static DefaultJedisClientConfig clientConfig(URI url) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MS)
                .socketTimeoutMillis(TIMEOUT_MS)
                .blockingSocketTimeoutMillis(BLOCKING_TIMEOUT_MS)
                .ssl("rediss".equals(url.getScheme()))
                .clientName("tandem");
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            try {
                b.database(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the Redis URL's path is a database number (redis://host:port/0), not '" + path + "'");
            }
        }
        String info = url.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String user = colon < 0 ? null : decode(info.substring(0, colon));
            String password = decode(colon < 0 ? info : info.substring(colon + 1));
            if (user != null && !user.isEmpty()) {
                b.user(user);
            }
            b.password(password);
        }
        return b.build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.shutdownNow();
        }
        jedis.close();
    }
}
