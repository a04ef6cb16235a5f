package io.tandem.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import io.tandem.server.inference.ServerModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        if (cache != null) {
            cache.put(key, output);
        }
    }

    public static Key key(ServerModel model, ModelInput input) {
        // The manifest's digest beside its version: a version rebuilt under the same number and
        // staged again (its files are in the manifest with their sha256) never gets the old answers.
        String version = model.manifest().version() + "@" + model.bundle().manifestSha256();
        return new Key(model.manifest().id(), version, model.variant().name(), sha256(input));
    }

    /** Digest of the input's kind and content: UTF-8 text; width, height and RGBA bytes; or the record as compact JSON. */
    static String sha256(ModelInput input) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        switch (input.kind()) {
            case TEXT -> {
                digest.update((byte) 'T');
                digest.update(input.text().getBytes(StandardCharsets.UTF_8));
            }
            case IMAGE -> {
                digest.update((byte) 'I');
                digest.update(intBytes(input.image().width()));
                digest.update(intBytes(input.image().height()));
                digest.update(input.image().rgba());
            }
            case FEATURES -> {
                // The record as canonical JSON (the caller's key order kept: the same record sent
                // in another order is a cache miss, never a wrong hit).
                digest.update((byte) 'F');
                digest.update(io.tandem.pipeline.json.Json.writeCompact(input.features()).getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException("cannot key a " + input.kind() + " input");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] intBytes(int v) {
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
