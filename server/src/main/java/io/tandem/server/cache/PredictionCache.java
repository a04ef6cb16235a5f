package io.tandem.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateUnavailableException;

import java.time.Duration;
import java.util.Optional;

/**
 * Predictions already made, keyed by model id, version and variant and by the SHA-256 of the input
 * (never the input itself), bounded by an estimate of the memory they take. Results are
 * JSON-ready values that nobody mutates, so they are shared between callers.
 *
 * <p>With several instances the cache has two tiers: this instance's own in front, and Redis
 * behind it, shared by all ({@link SharedPredictions}). A key names one model build and one exact
 * input, so an entry is never stale and both tiers may hold it. While Redis fails the local tier
 * carries on alone: predictions never wait for the cache.
 */
public final class PredictionCache {
    /** What identifies a prediction: the model as loaded and a digest of the input. */
    public record Key(String model, String version, String variant, String inputSha256) {
    }

    /** Where a lookup was answered, for the hit and miss counters. */
    public enum Outcome { LOCAL_HIT, SHARED_HIT, MISS }

    /** Told of every lookup's outcome (metrics). */
    public interface Listener {
        void looked(Outcome outcome);
    }

    private final Cache<Key, Object> cache;
    private final SharedPredictions shared;
    private volatile Listener listener = o -> { };

    public PredictionCache(ServerConfig.Cache config) {
        this(config, null, null);
    }

    /** With {@code redis} non-null, predictions are shared through it for {@code ttl}. */
    public PredictionCache(ServerConfig.Cache config, RedisLink redis, Duration ttl) {
        this.shared = config.enabled() && redis != null ? new SharedPredictions(redis, ttl) : null;
        this.cache = config.enabled()
                ? Caffeine.newBuilder()
                        .maximumWeight(config.maxBytes())
                        .weigher((Key k, Object v) -> (int) Math.min(Integer.MAX_VALUE, 256 + Weights.of(v)))
                        .recordStats()
                        .build()
                : null;
    }

    public boolean enabled() {
        return cache != null;
    }

    /** The Caffeine cache, for metrics; empty when the cache is off. */
    public Optional<Cache<Key, Object>> caffeine() {
        return Optional.ofNullable(cache);
    }

    public void listen(Listener l) {
        this.listener = l;
    }

    public boolean shared() {
        return shared != null;
    }

    public Optional<Object> get(Key key) {
        if (cache == null) {
            return Optional.empty();
        }
        Object local = cache.getIfPresent(key);
        if (local != null) {
            listener.looked(Outcome.LOCAL_HIT);
            return Optional.of(local);
        }
        if (shared != null && shared.available()) {
            try {
                Optional<Object> hit = shared.get(key);
                if (hit.isPresent()) {
                    cache.put(key, hit.get());
                    listener.looked(Outcome.SHARED_HIT);
                    return hit;
                }
            } catch (SharedStateUnavailableException e) {
                // Logged once by the link; this lookup is a miss.
            }
        }
        listener.looked(Outcome.MISS);
        return Optional.empty();
    }

    public void put(Key key, Object output) {
        if (cache == null || !cacheable(output)) {
            return;
        }
        cache.put(key, output);
        if (shared != null && shared.available()) {
            try {
                shared.put(key, output);
            } catch (SharedStateUnavailableException e) {
                // Kept locally above; the others miss it until Redis is back.
            }
        }
    }

    public static Key key(ServerModel model, ModelInput input) {
        // The manifest's digest beside its version: a version rebuilt under the same number and
        // staged again (its files are in the manifest with their sha256) never gets the old answers.
        String version = model.manifest().version() + "@" + model.bundle().manifestSha256();
        return new Key(model.manifest().id(), version, model.variant().name(), sha256(input));
    }

    /** Whether an output may be kept: never one holding NaN or an infinity (a model's failure, not an answer). */
    static boolean cacheable(Object output) {
        return output != null && io.tandem.server.inference.FiniteOutputs.finite(output);
    }

    /** Digest of exactly the input the model sees ({@link InputDigest}). */
    static String sha256(ModelInput input) {
        return InputDigest.of(input);
    }
}
