package io.tandem.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.inference.ServerModel;

import java.util.Optional;

/**
 * Predictions already made, keyed by model id, version and variant and by the SHA-256 of the input
 * (never the input itself), bounded by an estimate of the memory they take. Results are
 * JSON-ready values that nobody mutates, so they are shared between callers.
 */
public final class PredictionCache {
    /** What identifies a prediction: the model as loaded and a digest of the input. */
    public record Key(String model, String version, String variant, String inputSha256) {
    }

    private final Cache<Key, Object> cache;

    public PredictionCache(ServerConfig.Cache config) {
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

    public Optional<Object> get(Key key) {
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(key));
    }

    public void put(Key key, Object output) {
        if (cache != null && cacheable(output)) {
            cache.put(key, output);
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
