package io.tandem.server.observe;

import io.javalin.Javalin;
import io.tandem.server.models.ModelRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: the process answers. {@code /ready}: the models are loaded and the server has
 * started and is not stopping; 503 otherwise, so a load balancer sends no traffic yet.
 */
public final class Health {
    private final ModelRegistry registry;
    private volatile boolean ready;

    public Health(ModelRegistry registry) {
        this.registry = registry;
    }

    public void register(Javalin app) {
        app.events(e -> {
            e.serverStarted(() -> ready = true);
            e.serverStopping(() -> ready = false);
        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/ready", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (ready) {
                body.put("status", "ready");
                body.put("models", registry.ids());
                ctx.json(body);
            } else {
                body.put("error", "not_ready");
                body.put("message", "the server is starting or stopping");
                ctx.status(503).json(body);
            }
        });
    }
}
