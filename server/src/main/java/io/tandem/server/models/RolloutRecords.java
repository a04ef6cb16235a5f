package io.tandem.server.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each model's rollout is recorded: in its {@code versions/} folder on one machine
 * ({@link #FILES}), in Redis when several instances must follow the same one
 * ({@link SharedRolloutRecords}).
 */
public interface RolloutRecords {
    /** One machine: {@code <models>/<id>/versions/rollout.json}. */
    RolloutRecords FILES = new RolloutRecords() {
        @Override
        public Optional<RolloutFile.State> read(String model, Path versionsDir) throws IOException {
            return RolloutFile.read(versionsDir);
        }

        @Override
        public void write(String model, Path versionsDir, RolloutFile.State state) throws IOException {
            RolloutFile.write(versionsDir, state);
        }
    };

    /** The recorded rollout, empty when none is. */
    Optional<RolloutFile.State> read(String model, Path versionsDir) throws IOException;

    /** Records {@code state} (and tells the other instances, where there are any). */
    void write(String model, Path versionsDir, RolloutFile.State state) throws IOException;

    /**
     * The record as the other instances left it, for following their changes; empty when there
     * is nothing to follow (one machine) or it cannot be read now (the next notice or resync will).
     */
    default Optional<RolloutFile.State> latest(String model) {
        return Optional.empty();
    }

    /**
     * Throws when a change could not be recorded for the others, before the change is made: an
     * admin action that only one instance would follow is refused instead.
     */
    default void checkWritable() {
    }
}
