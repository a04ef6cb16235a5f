package io.tandem.server;

/** The server cannot start (a bundle is missing or broken); the message says what to do. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
