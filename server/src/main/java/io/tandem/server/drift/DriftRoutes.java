package io.tandem.server.drift;

import java.util.List;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.server.http.ApiException;
import io.tandem.server.http.ClientIds;
import io.tandem.server.http.Echo;
import io.tandem.server.http.RequestBodies;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.ModelRegistry;

import java.util.Map;

/**
 * {@code GET /api/v1/models/{id}/drift}: reference vs live counts, PSI per feature, score and
 * verdict, per source. {@code POST /api/v1/models/{id}/drift/reports}: a browser's aggregated
 * counts (opt-in on the page). Being a POST under {@code /api/v1/}, a report passes the same API
 * key check and rate limits as predict.
 */
public final class DriftRoutes {
    private final ModelRegistry registry;
    private final DriftMonitors monitors;
    private final RequestBodies bodies;

    /** Other instances' windows of a version: none on one machine. */
    private final Function<DriftMonitor, List<DriftSnapshot>> others;

    public DriftRoutes(ModelRegistry registry, DriftMonitors monitors, RequestBodies bodies) {
        this(registry, monitors, bodies, m -> List.of());
    }

    /** With {@code shared} non-null, a drift request merges every live instance's windows. */
    public DriftRoutes(ModelRegistry registry, DriftMonitors monitors, RequestBodies bodies, SharedDrift shared) {
        this(registry, monitors, bodies, shared == null ? m -> List.of() : shared::others);
    }

    private DriftRoutes(ModelRegistry registry, DriftMonitors monitors, RequestBodies bodies,
                        Function<DriftMonitor, List<DriftSnapshot>> others) {
        this.others = others;
        this.registry = registry;
        this.monitors = monitors;
        this.bodies = bodies;
    }

    public void register(Javalin app) {
        app.get("/api/v1/models/{id}/drift", this::describe);
        app.post("/api/v1/models/{id}/drift/reports", this::report);
    }

    private void describe(Context ctx) {
        DriftMonitor monitor = monitor(ctx);
        ctx.json(monitor.describe(others.apply(monitor)));
    }

    private void report(Context ctx) {
        DriftMonitor monitor = monitor(ctx);
        JsonNode json = bodies.json(ctx, DriftReports.MAX_BYTES, "{modelVersion, samples, features}");
        DriftReports.Report r = DriftReports.check(json, monitor);
        double counted = monitor.addReport(ClientIds.caller(ctx), r.samples(), r.counts());
        // 202 either way: the report was valid; "counted" says how much of it this sender's share let in.
        ctx.status(202).json(Map.of("accepted", r.samples(), "counted", Math.round(counted * 1000) / 1000.0));
    }

    private DriftMonitor monitor(Context ctx) {
        String id = ctx.pathParam("id");
        ServerModel model = registry.find(id).orElseThrow(() -> ApiException.notFound(
                "no model '" + Echo.of(id) + "'; available: " + String.join(", ", registry.ids())));
        return monitors.monitor(model).orElseThrow(() -> ApiException.notFound("model " + Echo.of(id)
                + " has no drift reference in its manifest; rebuild the bundle with the converter's validate"));
    }
}
