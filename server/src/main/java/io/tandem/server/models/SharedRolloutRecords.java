package io.tandem.server.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.server.shared.RedisEvents;
import io.tandem.server.shared.RedisLink;
import io.tandem.server.shared.SharedStateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Rollouts every instance follows: one Redis key per model ({@code prefix:rollout:<id>}) holding
 * the stable, candidate, canary share and previous version, and a notice on the {@code rollout}
 * topic after each change, on which every instance reads the key and switches ({@link
 * ModelVersions#follow}). The folder's {@code rollout.json} is still written, best effort, so an
 * instance that starts while Redis is down serves what was last known.
 */
public final class SharedRolloutRecords implements RolloutRecords {
    public static final String TOPIC = "rollout";
    private static final Logger LOG = LoggerFactory.getLogger(SharedRolloutRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink redis;
    private final RedisEvents events;

    public SharedRolloutRecords(RedisLink redis, RedisEvents events) {
        this.redis = redis;
        this.events = events;
    }

    @Override
    public Optional<RolloutFile.State> read(String model, Path versionsDir) throws IOException {
        String json;
        try {
            json = redis.call(j -> j.get(key(model)));
        } catch (SharedStateUnavailableException e) {
            LOG.warn("model {}: Redis does not answer; starting from the rollout recorded in {}", model, versionsDir);
            return RolloutFile.read(versionsDir);
        }
        return json == null ? Optional.empty() : Optional.of(parse(model, json));
    }

    private static RolloutFile.State parse(String model, String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        if (n == null || !n.isObject()) {
            throw new IOException("the rollout of " + model + " in Redis is not a JSON object");
        }
        return new RolloutFile.State(text(n, "stable"), text(n, "candidate"), n.path("canaryPercent").asInt(0), text(n, "previous"));
    }

    @Override
    public Optional<RolloutFile.State> latest(String model) {
        if (!redis.up()) {
            return Optional.empty();
        }
        try {
            String json = redis.call(j -> j.get(key(model)));
            return json == null ? Optional.empty() : Optional.of(parse(model, json));
        } catch (SharedStateUnavailableException | IOException e) {
            LOG.debug("model {}: the shared rollout cannot be read now: {}", model, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void write(String model, Path versionsDir, RolloutFile.State state) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("stable", state.stable());
        n.put("candidate", state.candidate());
        n.put("canaryPercent", state.canaryPercent());
        n.put("previous", state.previous());
        String json = JSON.writeValueAsString(n);
        redis.call(j -> j.set(key(model), json));
        events.publish(TOPIC, model);
        try {
            RolloutFile.write(versionsDir, state);
        } catch (IOException | RuntimeException e) {
            // A read-only models folder (a container image): Redis holds the record.
            LOG.debug("model {}: rollout not copied to {}: {}", model, versionsDir, e.getMessage());
        }
    }

    @Override
    public void checkWritable() {
        if (!redis.up()) {
            throw new SharedStateUnavailableException("Redis does not answer, so the other instances would not follow this change;"
                    + " try again when it is back (see /ready)", null);
        }
    }

    private String key(String model) {
        return redis.key("rollout", model);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
