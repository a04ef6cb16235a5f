package io.tandem.server.http;

/**
 * The caller went away (closed the connection, or stopped sending until the idle timeout) while
 * its request was read or answered. Not a server failure: logged as one line, never with a stack.
 */
public final class ClientGoneException extends RuntimeException {
    public ClientGoneException(Throwable cause) {
        super("the client went away", cause, false, false);
    }

    /** Whether it stopped sending until the idle timeout (408) rather than hung up (499). */
    public static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
