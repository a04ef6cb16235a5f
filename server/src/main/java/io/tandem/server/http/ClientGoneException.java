package io.tandem.server.http;

/**
 * The caller went away (closed the connection, or stopped sending until the idle timeout) while
 * its request was read or answered. Not a server failure: logged as one line, never with a stack.
 */
public final class ClientGoneException extends RuntimeException {
    public ClientGoneException(Throwable cause) {
        super("the client went away", cause, false, false);
    }
}
