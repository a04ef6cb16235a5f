package io.tandem.server.observe;

import io.javalin.Javalin;
import io.tandem.server.models.BrokenBundle;
import io.tandem.server.models.ModelRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health}: the process answers. {@code /ready}: the server has started, is not stopping,
 * and at least one model is loaded; 503 otherwise, so a load balancer sends no traffic yet. Broken
 * bundles are listed with their reasons either way, but one broken bundle does not take a node
 * that serves the others out of service: a load balancer watches the status code, a person the
 * list.
 */
public final class Health {
    private final ModelRegistry registry;
    private final Supplier<Map<String, Object>> sharedState;
    private volatile boolean ready;

    public Health(ModelRegistry registry) {
        this(registry, () -> Map.of("mode", "local"));
    }

    /**
     * @param sharedState where shared state lives and whether it answers: a Redis that fails
     *                    degrades this instance (cache and limits local, jobs refused) but does not
     *                    take it out of service — predictions still work — so it shows here, not in the status
     */
    public Health(ModelRegistry registry, Supplier<Map<String, Object>> sharedState) {
        this.registry = registry;
        this.sharedState = sharedState;
    }

    public void register(Javalin app) {
        app.events(e -> {
            e.serverStarted(() -> ready = true);
            e.serverStopping(() -> ready = false);
        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/ready", ctx -> {
            ModelRegistry.Listing listing = registry.listing();
            Map<String, Object> body = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            listing.models().forEach(m -> ids.add(m.manifest().id()));
            if (ready && !ids.isEmpty()) {
                body.put("status", "ready");
                body.put("models", ids);
            } else {
                body.put("error", "not_ready");
                body.put("message", !ready ? "the server is starting or stopping"
                        : listing.broken().isEmpty() ? "no model is loaded: the models folder has no bundle"
                        : "no model is loaded: every bundle is broken (see broken)");
                ctx.status(503);
            }
            body.put("broken", broken(listing.broken()));
            body.put("sharedState", sharedState.get());
            ctx.json(body);
        });
    }

    private static List<Object> broken(List<BrokenBundle> broken) {
        List<Object> out = new ArrayList<>();
        broken.forEach(b -> out.add(b.toJson()));
        return out;
    }
}
