package io.tandem.server.models;

/** An admin action on model versions that cannot be done; the reason says which HTTP answer fits. */
public final class RolloutException extends RuntimeException {
    public enum Reason {
        /** No such model or staged version. */
        NOT_FOUND,
        /** The request itself is malformed (a bad version name, a share outside 0–100). */
        INVALID,
        /** The action does not fit the current state (no candidate to promote, nothing to roll back to). */
        CONFLICT,
        /** The new version failed its checks; the versions in service are untouched. */
        REJECTED
    }

    private final Reason reason;

    public RolloutException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
