package io.tandem.server.models;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Puts a client into one of 100 buckets per model: a digest, not {@code hashCode}, so similar ids
 * spread evenly and every server instance agrees. A client in bucket b gets the candidate while
 * the canary share is above b, so raising the share keeps the clients already on the candidate.
 */
public final class CanaryBuckets {
    public static final int BUCKETS = 100;

    private CanaryBuckets() {
    }

    public static int bucket(String modelId, String clientId) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        // The model id salts the digest, so one client is not a canary of every model at once.
        digest.update(modelId.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        byte[] d = digest.digest(clientId.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (d[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(value, BUCKETS);
    }
}
