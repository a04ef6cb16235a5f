package io.tandem.server.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a model's rollout stood, kept in {@code <models>/<id>/versions/rollout.json} so that a restart
 * serves what the last admin action left (a promotion, a canary and its share, the version kept for
 * rollback) instead of {@code <models>/<id>/} again. Versions are named, not copied: each is loaded
 * and checked again from its folder at start.
 */
final class RolloutFile {
    static final String NAME = "rollout.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Version names (null: none); {@code stable} null means the bundle in {@code <models>/<id>/}. */
    record State(String stable, String candidate, int canaryPercent, String previous) {
    }

    private RolloutFile() {
    }

    /** The recorded state, empty when there is none; a file that is not one is an {@link IOException}. */
    static Optional<State> read(Path versionsDir) throws IOException {
        Path file = versionsDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) {
                throw new IOException(file + " is not a JSON object");
            }
            return Optional.of(new State(text(n, "stable"), text(n, "candidate"), n.path("canaryPercent").asInt(0), text(n, "previous")));
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces the file in one move, so a crash mid-write leaves the old state, never half of it. */
    static void write(Path versionsDir, State state) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("stable", state.stable());
        n.put("candidate", state.candidate());
        n.put("canaryPercent", state.canaryPercent());
        n.put("previous", state.previous());
        Files.createDirectories(versionsDir);
        Path tmp = Files.createTempFile(versionsDir, NAME, ".tmp");
        try {
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, versionsDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
