package io.tandem.pipeline.task;

/** The caller's input cannot be used by this model; the message says why, in user terms. */
public final class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}
