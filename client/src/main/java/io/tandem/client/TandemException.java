package io.tandem.client;

/**
 * A failure the client reports to the page: a short machine-readable code (for example
 * {@code invalid_input}, {@code not_found}, {@code bad_bundle}, {@code runtime}, or the server's own
 * error code) and a message written for a person. HTTP failures carry the status.
 */
public class TandemException extends RuntimeException {
    private final String code;
    private final int status;

    public TandemException(String code, String message) {
        this(code, message, 0);
    }

    public TandemException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    /** The HTTP status behind the failure, or 0. */
    public int status() {
        return status;
    }

    /** The code the page sees for any failure: ours, or one derived from the exception's kind. */
    public static String codeOf(Throwable e) {
        if (e instanceof TandemException) {
            return ((TandemException) e).code();
        }
        if (e instanceof io.tandem.pipeline.task.InvalidInputException) {
            return "invalid_input";
        }
        if (e instanceof IllegalArgumentException) {
            return "invalid_argument";
        }
        return "internal";
    }

    /** A message for any failure: its own, or its kind when it has none. */
    public static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
