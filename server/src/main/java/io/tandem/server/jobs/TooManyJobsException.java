package io.tandem.server.jobs;

/** A client already has its share of the job queue (429 with {@code Retry-After}). */
public final class TooManyJobsException extends RuntimeException {
    private final int retryAfterSeconds;

    public TooManyJobsException(int max, int retryAfterSeconds) {
        super("this client has " + max + " jobs queued or running, the most allowed; retry when one has finished",
                null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
