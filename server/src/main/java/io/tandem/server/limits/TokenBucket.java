package io.tandem.server.limits;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled evenly at {@code capacity} per
 * {@code periodNanos}; each request takes one. Thread-safe; the clock is passed in so tests can
 * drive it.
 */
final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last;

    TokenBucket(int capacity, long periodNanos, long nowNanos) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) periodNanos;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes a token: 0 when granted, otherwise the nanoseconds until one will be there. */
    synchronized long tryTake(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
}
