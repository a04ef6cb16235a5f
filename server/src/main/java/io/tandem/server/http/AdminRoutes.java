package io.tandem.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.server.ServerConfig;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.models.ModelVersions;
import io.tandem.server.models.RolloutException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /api/v1/admin/models/{id}/...}: the versions of a model side by side — list them, stage a
 * candidate, set its canary share, promote it, roll back, drop it. Needs an admin key
 * ({@code TANDEM_ADMIN_KEYS}); without any configured the admin API is off (403).
 */
public final class AdminRoutes {
    private static final String BASE = "/api/v1/admin/models/{id}";

    private final ModelRegistry registry;
    private final ApiKeys adminKeys;
    private final ApiKeys apiKeys;
    private final RequestBodies bodies;

    public AdminRoutes(ModelRegistry registry, ServerConfig.Access access, RequestBodies bodies) {
        this.bodies = bodies;
        this.registry = registry;
        this.adminKeys = new ApiKeys(access.adminKeys());
        this.apiKeys = new ApiKeys(access.apiKeys());
    }

    public void register(Javalin app) {
        app.before(ctx -> {
            if (ApiPaths.admin(ctx)) {
                authorize(ctx);
            }
        });
        app.get(BASE + "/versions", ctx -> answer(ctx, 200, versions(ctx).status()));
        app.post(BASE + "/versions", ctx -> {
            JsonNode body = body(ctx);
            if (!body.path("version").isTextual()) {
                throw ApiException.badRequest("expected {\"version\": \"<folder under versions/>\", \"canaryPercent\": 0–100 (optional)}");
            }
            int share = body.has("canaryPercent") ? percent(body.get("canaryPercent"), "canaryPercent") : 0;
            answer(ctx, 201, act(ctx, v -> v.stage(body.get("version").asText(), share)));
        });
        app.put(BASE + "/canary", ctx -> {
            JsonNode body = body(ctx);
            if (!body.has("percent")) {
                throw ApiException.badRequest("expected {\"percent\": 0–100}");
            }
            int share = percent(body.get("percent"), "percent");
            answer(ctx, 200, act(ctx, v -> v.canary(share)));
        });
        app.post(BASE + "/promote", ctx -> answer(ctx, 200, act(ctx, ModelVersions::promote)));
        app.post(BASE + "/rollback", ctx -> answer(ctx, 200, act(ctx, ModelVersions::rollback)));
        app.delete(BASE + "/candidate", ctx -> answer(ctx, 200, act(ctx, ModelVersions::dropCandidate)));
    }

    private void authorize(Context ctx) {
        if (!adminKeys.configured()) {
            throw new ApiException(403, "admin_disabled",
                    "the admin API is off: start the server with TANDEM_ADMIN_KEYS to use it");
        }
        String presented = ApiKeys.presented(ctx);
        if (presented == null) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized",
                    "the admin API needs an admin key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
        }
        if (adminKeys.accepted(presented)) {
            return;
        }
        if (apiKeys.accepted(presented)) {
            throw new ApiException(403, "forbidden", "this API key may predict but not use the admin API");
        }
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        throw new ApiException(401, "unauthorized", "the admin key is not valid");
    }

    private ModelVersions versions(Context ctx) {
        String id = ctx.pathParam("id");
        return registry.versions(id).orElseThrow(() -> ApiException.notFound(
                "no model '" + Echo.of(id) + "'; available: " + String.join(", ", registry.ids())));
    }

    /** Runs an action, turning a refusal into the HTTP answer that fits it. */
    private ModelVersions.Status act(Context ctx, Function<ModelVersions, ModelVersions.Status> action) {
        ModelVersions versions = versions(ctx);
        try {
            return action.apply(versions);
        } catch (RolloutException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case INVALID -> ApiException.badRequest(e.getMessage());
                case CONFLICT -> new ApiException(409, "conflict", e.getMessage());
                case REJECTED -> new ApiException(422, "version_rejected", e.getMessage());
            };
        }
    }

    private JsonNode body(Context ctx) {
        // Admin bodies are a few fields: 64 KiB is plenty.
        JsonNode root = bodies.json(ctx, 64 * 1024, "{...}");
        if (!root.isObject()) {
            throw ApiException.badRequest("expected a JSON object");
        }
        return root;
    }

    private static int percent(JsonNode value, String name) {
        if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 100) {
            throw ApiException.badRequest("'" + name + "' is a whole number from 0 to 100, not " + Echo.of(value));
        }
        return value.asInt();
    }

    private static void answer(Context ctx, int status, ModelVersions.Status s) {
        List<Object> versions = new ArrayList<>();
        for (ModelVersions.VersionInfo v : s.versions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("state", v.state().name().toLowerCase(Locale.ROOT));
            m.put("variant", v.variant());
            m.put("trafficPercent", v.trafficPercent());
            m.put("inFlight", v.inFlight());
            m.put("loadedAt", v.loadedAt());
            versions.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", s.model());
        body.put("canaryPercent", s.canaryPercent());
        body.put("versions", versions);
        body.put("staged", s.staged());
        body.put("stagingFolder", s.stagingFolder());
        ctx.status(status).json(body);
    }
}
