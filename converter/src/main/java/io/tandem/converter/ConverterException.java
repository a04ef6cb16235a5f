package io.tandem.converter;

/**
 * A problem with what the user gave us (a missing file, a model that is not ONNX, a recipe that
 * disagrees with its model). {@link Main} prints its message as one line and exits non-zero, so the
 * message must say what is wrong and, where it helps, what was expected and what was found.
 */
public final class ConverterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConverterException(String message) {
        super(message);
    }

    public ConverterException(String message, Throwable cause) {
        super(message, cause);
    }
}
