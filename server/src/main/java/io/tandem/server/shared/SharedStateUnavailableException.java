package io.tandem.server.shared;

/**
 * Redis, where this instance shares its state, did not answer. The cache and rate limits fall
 * back to this instance's own; anything that cannot be done alone (a job) is refused with 503.
 */
public final class SharedStateUnavailableException extends RuntimeException {
    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
