package io.tandem.server.inference;

/** A prediction did not finish within the per-request time limit (queue wait included). */
public final class InferenceTimeoutException extends RuntimeException {
    public InferenceTimeoutException(String message) {
        super(message, null, false, false);
    }
}
