package io.tandem.server.models;

/**
 * Which loaded versions of one model take traffic, as one immutable value: a promote, rollback or
 * canary change builds a new one and swaps it in with a single reference write, so every request
 * sees either the old arrangement or the new one, never half of each.
 *
 * @param stable        serves everyone outside the canary share
 * @param candidate     the version on trial, or null
 * @param previous      the stable version before the last promote, kept loaded for an instant
 *                      rollback; takes no traffic; or null
 * @param canaryPercent share of clients (0–100) routed to the candidate
 */
record Rollout(LoadedVersion stable, LoadedVersion candidate, LoadedVersion previous, int canaryPercent) {
    /** The version a client in {@code bucket} (0–99) gets. */
    LoadedVersion route(int bucket) {
        return candidate != null && bucket < canaryPercent ? candidate : stable;
    }

    boolean canaryActive() {
        return candidate != null && canaryPercent > 0;
    }

    boolean holds(String version) {
        return stable.version().equals(version)
                || (candidate != null && candidate.version().equals(version))
                || (previous != null && previous.version().equals(version));
    }
}
