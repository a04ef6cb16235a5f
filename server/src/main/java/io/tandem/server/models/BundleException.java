package io.tandem.server.models;

/** A bundle on disk does not match its manifest, or cannot be read. */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }
}
