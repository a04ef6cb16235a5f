package io.tandem.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.tandem.server.http.ApiErrors;
import io.tandem.server.http.CrossOriginIsolation;
import io.tandem.server.http.ModelFileRoutes;
import io.tandem.server.http.ModelRoutes;
import io.tandem.server.http.StaticAssets;
import io.tandem.server.models.ModelRegistry;

/**
 * Builds the Javalin app from an explicit config without starting it, so tests build exactly the
 * app that runs. Each concern registers itself; this class only wires them.
 */
public final class TandemServer {
    private final Javalin app;
    private final ModelRegistry registry;

    private TandemServer(Javalin app, ModelRegistry registry) {
        this.app = app;
        this.registry = registry;
    }

    public static TandemServer create(ServerConfig config) {
        ModelRegistry registry = ModelRegistry.load(config.modelsDir(), config.ortThreads());
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = config.maxRequestBytes();
            javalin.jsonMapper(new JavalinJackson());
            StaticAssets.register(javalin);
        });
        CrossOriginIsolation.register(app);
        ApiErrors.register(app);
        new ModelRoutes(registry).register(app);
        new ModelFileRoutes(registry).register(app);
        app.events(events -> events.serverStopped(registry::close));
        return new TandemServer(app, registry);
    }

    public Javalin app() {
        return app;
    }

    public ModelRegistry registry() {
        return registry;
    }
}
