package io.tandem.server.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.server.shared.RedisLink;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Predictions every instance can reuse, in Redis: one string key per prediction (a digest of the
 * model, version, variant and input digest), its JSON as the value, with a time to live. Redis's
 * {@code maxmemory} policy bounds the total; no single value beyond {@link #MAX_VALUE_BYTES} is
 * stored, so one huge output cannot push out thousands of small ones.
 *
 * @throws io.tandem.server.shared.SharedStateUnavailableException from every call when Redis fails
 */
final class SharedPredictions {
    /** Token-classification outputs of long texts reach tens of kB; an embedding is ~8 kB. */
    static final int MAX_VALUE_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink redis;
    private final Duration ttl;

    SharedPredictions(RedisLink redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    boolean available() {
        return redis.up();
    }

    Optional<Object> get(PredictionCache.Key key) {
        String json = redis.call(j -> j.get(redisKey(key)));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            // Not ours (another program, a prefix clash): a miss, never a garbled answer.
            return Optional.empty();
        }
    }

    void put(PredictionCache.Key key, Object output) {
        String json;
        try {
            json = JSON.writeValueAsString(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a prediction that cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (json.length() > MAX_VALUE_BYTES) {
            return;
        }
        redis.call(j -> j.set(redisKey(key), json, SetParams.setParams().px(ttl.toMillis())));
    }

    private String redisKey(PredictionCache.Key key) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        // Length-prefixed fields: "a"+"bc" and "ab"+"c" never make one key.
        for (String part : new String[]{key.model(), key.version(), key.variant(), key.inputSha256()}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            d.update((byte) (b.length >>> 8));
            d.update((byte) b.length);
            d.update(b);
        }
        return redis.key("cache", HexFormat.of().formatHex(d.digest()));
    }
}
