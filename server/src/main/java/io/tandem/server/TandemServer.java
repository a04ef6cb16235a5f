package io.tandem.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.tandem.server.cache.PredictionCache;
import io.tandem.server.http.AdminRoutes;
import io.tandem.server.drift.DriftMetrics;
import io.tandem.server.drift.DriftMonitors;
import io.tandem.server.drift.DriftRoutes;
import io.tandem.server.http.AllowedMethods;
import io.tandem.server.http.ApiErrors;
import io.tandem.server.http.ApiKeys;
import io.tandem.server.http.ClientAddress;
import io.tandem.server.http.Cors;
import io.tandem.server.http.CrossOriginIsolation;
import io.tandem.server.http.JettyLimits;
import io.tandem.server.http.SecurityHeaders;
import io.tandem.server.http.JobRoutes;
import io.tandem.server.http.ModelFileRoutes;
import io.tandem.server.http.ModelRoutes;
import io.tandem.server.http.OpenApiDocument;
import io.tandem.server.http.RateLimits;
import io.tandem.server.http.RequestBodies;
import io.tandem.server.http.Route;
import io.tandem.server.http.StaticAssets;
import io.tandem.server.inference.Predictor;
import io.tandem.server.jobs.JobQueue;
import io.tandem.server.jobs.JobService;
import io.tandem.server.jobs.LocalJobs;
import io.tandem.server.jobs.redis.RedisJobs;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.models.ModelsWatcher;
import io.tandem.server.models.RolloutFollower;
import io.tandem.server.models.RolloutRecords;
import io.tandem.server.models.SharedRolloutRecords;
import io.tandem.server.drift.SharedDrift;
import io.tandem.server.observe.SharedStateMetrics;
import io.tandem.server.shared.SharedState;
import io.tandem.server.observe.Health;
import io.tandem.server.observe.Metrics;
import io.tandem.server.observe.RequestLog;
import io.tandem.server.observe.RolloutMetrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds the Javalin app from an explicit config without starting it, so tests build exactly the
 * app that runs. Each concern registers itself; this class only wires them.
 */
public final class TandemServer {
    private final Javalin app;
    private final ModelRegistry registry;
    private final List<Route> routes;

    private TandemServer(Javalin app, ModelRegistry registry, List<Route> routes) {
        this.app = app;
        this.registry = registry;
        this.routes = routes;
    }

    public static TandemServer create(ServerConfig config) {
        SharedState shared = SharedState.open(config.shared());
        RolloutRecords records = shared.state().<RolloutRecords>map(redis -> new SharedRolloutRecords(redis, shared.events().orElseThrow()))
                .orElse(RolloutRecords.FILES);
        ModelRegistry registry;
        try {
            registry = ModelRegistry.load(config.modelsDir(), config.ortThreads(), config.models().maxModels(), records);
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
        Metrics metrics = new Metrics();
        List<Route> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(javalin -> {
            javalin.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                }
            });
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = config.maxRequestBytes();
            JettyLimits.apply(javalin, config);
            javalin.jsonMapper(new JavalinJackson());
            javalin.requestLogger.http((ctx, ms) -> {
                RequestLog.log(ctx, ms);
                metrics.request(ctx, ms);
            });
            StaticAssets.register(javalin);
        });
        CrossOriginIsolation.register(app);
        SecurityHeaders.register(app);
        new Cors(config.access().corsOrigins()).register(app);
        // GET on a POST-only route is the caller's method, not a missing route: 405 with Allow.
        ApiErrors.register(app, new AllowedMethods(() -> routes));
        RequestBodies bodies = new RequestBodies(config.maxRequestBytes());
        bodies.register(app);
        if (shared.enabled()) {
            // Behind a load balancer, which instance answered is the first question when one misbehaves.
            String instance = config.shared().instanceId();
            app.before(ctx -> ctx.header("X-Tandem-Instance", instance));
        }
        new ClientAddress(config.connections().trustedProxies()).register(app);
        RateLimits rateLimits = new RateLimits(config.access(), shared.state().orElse(null));
        rateLimits.registerPerAddress(app);
        new ApiKeys(config.access()).register(app);
        rateLimits.registerPerKey(app);

        DriftMonitors drift = new DriftMonitors(monitor -> DriftMetrics.bind(metrics.registry(), monitor));
        drift.watch(registry.all());
        Predictor predictor = new Predictor(registry, config.inference(), metrics::batches, drift);
        PredictionCache cache = new PredictionCache(config.cache(), shared.cache().orElse(null), config.shared().cacheTtl());
        metrics.queues(registry.all(), predictor);
        metrics.cache(cache);
        RolloutMetrics.bind(metrics.registry(), registry);
        // Versions that leave service stop their inference queue before their session closes.
        registry.beforeClose(predictor::release);
        OpenApiDocument openApi = new OpenApiDocument(registry.all());
        // A bundle picked up while running gets what the ones loaded at start got above.
        registry.onAdded(model -> {
            openApi.refresh(registry.all());
            drift.monitor(model);
            metrics.queues(List.of(model), predictor);
            RolloutMetrics.bind(metrics.registry(), registry);
        });
        ModelsWatcher watcher = new ModelsWatcher(registry, config.models().rescanPeriod());
        new ModelRoutes(registry, predictor, cache, bodies, config.maxImagePixels()).register(app);
        new AdminRoutes(registry, config.access(), bodies).register(app);
        JobService jobs = shared.state().<JobService>map(redis -> new RedisJobs(redis, shared.events().orElseThrow(), config.shared(),
                        config.jobs(), registry, predictor, JobRoutes::describe))
                .orElseGet(() -> new LocalJobs(new JobQueue(config.jobs(), JobRoutes::describe, System::nanoTime), predictor));
        new JobRoutes(registry, jobs, bodies, config.maxImagePixels()).register(app);
        SharedDrift sharedDrift = shared.state().map(redis -> new SharedDrift(redis, config.shared().instanceId(), drift::all)).orElse(null);
        new DriftRoutes(registry, drift, bodies, sharedDrift).register(app);
        RolloutFollower follower = shared.events().map(events -> new RolloutFollower(registry, events)).orElse(null);
        SharedStateMetrics.bind(metrics.registry(), shared, cache);
        metrics.jobs(jobs);
        new ModelFileRoutes(registry).register(app);
        new Health(registry, shared::describe).register(app);
        metrics.register(app);
        openApi.register(app);
        app.events(events -> {
            events.serverStarted(() -> {
                watcher.start();
                shared.start();
                if (jobs instanceof RedisJobs redisJobs) {
                    redisJobs.start();
                }
                if (follower != null) {
                    follower.start();
                }
                if (sharedDrift != null) {
                    sharedDrift.start();
                }
            });
            events.serverStopping(watcher::close);
        });
        app.events(events -> events.serverStopped(() -> {
            watcher.close();
            if (follower != null) {
                follower.close();
            }
            if (sharedDrift != null) {
                sharedDrift.close();
            }
            jobs.close();
            predictor.close();
            registry.close();
            shared.close();
            metrics.close();
        }));
        return new TandemServer(app, registry, routes);
    }

    public Javalin app() {
        return app;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Every HTTP route registered, for the OpenAPI check. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
