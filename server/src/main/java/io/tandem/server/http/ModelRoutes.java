package io.tandem.server.http;

import ai.onnxruntime.OrtException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.cache.PredictionCache;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.ModelLease;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.observe.Metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/models}: list, describe, and predict with server-side inference. */
public final class ModelRoutes {
    private final ModelRegistry registry;
    private final Predictor predictor;
    private final PredictionCache cache;
    private final PredictRequests requests;

    public ModelRoutes(ModelRegistry registry, Predictor predictor, PredictionCache cache, RequestBodies bodies, long maxImagePixels) {
        this.registry = registry;
        this.predictor = predictor;
        this.cache = cache;
        this.requests = new PredictRequests(bodies, new ImageDecoding(maxImagePixels));
    }

    public void register(Javalin app) {
        app.get("/api/v1/models", this::list);
        app.get("/api/v1/models/{id}", this::describe);
        app.post("/api/v1/models/{id}/predict", this::predict);
    }

    /** The loaded models, and the bundles that did not load with the reason of each. */
    private void list(Context ctx) {
        ModelRegistry.Listing listing = registry.listing();
        List<Object> models = new ArrayList<>();
        for (ServerModel m : listing.models()) {
            models.add(summary(m.manifest()));
        }
        List<Object> broken = new ArrayList<>();
        listing.broken().forEach(b -> broken.add(b.toJson()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", models);
        body.put("broken", broken);
        ctx.json(body);
    }

    private void describe(Context ctx) {
        ServerModel model = model(ctx);
        // The manifest exactly as the bundle has it: the browser reads the same document.
        ctx.contentType("application/json").result(model.bundle().manifestJson());
    }

    private void predict(Context ctx) throws OrtException {
        // The lease keeps the version this client was routed to loaded until its prediction is made.
        try (ModelLease lease = lease(ctx)) {
            predict(ctx, lease.model());
        }
    }

    private void predict(Context ctx, ServerModel model) throws OrtException {
        ctx.attribute(Metrics.MODEL, model.manifest().id());
        ctx.attribute(Metrics.MODEL_VERSION, model.manifest().version());
        ctx.attribute(Metrics.DEVICE, ServerModel.DEVICE);
        ModelInput input = requests.read(ctx, model.manifest().task().inputKind());
        long start = System.nanoTime();
        Object output = cachedOrPredicted(ctx, model, input);
        double ms = (System.nanoTime() - start) / 1e6;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("output", output);
        body.put("device", ServerModel.DEVICE);
        body.put("ms", Math.round(ms * 1000) / 1000.0);
        body.put("model", model.manifest().id());
        body.put("modelVersion", model.manifest().version());
        body.put("variant", model.variant().name());
        // The pipeline's own writer, so the server and the browser format numbers the same way.
        ctx.contentType("application/json").result(Json.writeCompact(body));
    }

    private Object cachedOrPredicted(Context ctx, ServerModel model, ModelInput input) throws OrtException {
        if (!cache.enabled() || !CachePolicy.allowed(ctx)) {
            ctx.header(CachePolicy.HEADER, "BYPASS");
            return predictor.predict(model, input);
        }
        PredictionCache.Key key = PredictionCache.key(model, input);
        Optional<Object> hit = cache.get(key);
        if (hit.isPresent()) {
            ctx.header(CachePolicy.HEADER, "HIT");
            return hit.get();
        }
        Object output = predictor.predict(model, input);
        cache.put(key, output);
        ctx.header(CachePolicy.HEADER, "MISS");
        return output;
    }

    private ModelLease lease(Context ctx) {
        String id = ctx.pathParam("id");
        return registry.acquire(id, ClientIds.of(ctx)).orElseThrow(() -> ApiException.notFound(
                "no model '" + Echo.of(id) + "'; available: " + String.join(", ", registry.ids())));
    }

    private ServerModel model(Context ctx) {
        String id = ctx.pathParam("id");
        return registry.find(id).orElseThrow(() -> ApiException.notFound(
                "no model '" + Echo.of(id) + "'; available: " + String.join(", ", registry.ids())));
    }

    private static Map<String, Object> summary(Manifest m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", m.id());
        s.put("version", m.version());
        s.put("title", m.title());
        s.put("task", m.task().wireName());
        s.put("input", m.task().inputKind().wireName());
        List<Object> variants = new ArrayList<>();
        m.variants().forEach(v -> variants.add(Map.of("name", v.name(), "precision", v.precision(),
                "bytes", v.file().bytes(), "devices", v.devices())));
        s.put("variants", variants);
        s.put("manifest", "/models/" + m.id() + "/manifest.json");
        return s;
    }
}
