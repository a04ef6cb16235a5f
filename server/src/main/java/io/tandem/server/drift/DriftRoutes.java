package io.tandem.server.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.server.http.ApiException;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.ModelRegistry;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /api/v1/models/{id}/drift}: reference vs live counts, PSI per feature, score and
 * verdict, per source. {@code POST /api/v1/models/{id}/drift/reports}: a browser's aggregated
 * counts (opt-in on the page). Being a POST under {@code /api/v1/}, a report passes the same API
 * key check and rate limits as predict.
 */
public final class DriftRoutes {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ModelRegistry registry;
    private final DriftMonitors monitors;

    public DriftRoutes(ModelRegistry registry, DriftMonitors monitors) {
        this.registry = registry;
        this.monitors = monitors;
    }

    public void register(Javalin app) {
        app.get("/api/v1/models/{id}/drift", this::describe);
        app.post("/api/v1/models/{id}/drift/reports", this::report);
    }

    private void describe(Context ctx) {
        ctx.json(monitor(ctx).describe());
    }

    private void report(Context ctx) {
        DriftMonitor monitor = monitor(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (!type.startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("send application/json {modelVersion, samples, features}, not " + type);
        }
        if (ctx.contentLength() > DriftReports.MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "a drift report is at most " + DriftReports.MAX_BYTES + " bytes");
        }
        String body = ctx.body();
        if (body.length() > DriftReports.MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "a drift report is at most " + DriftReports.MAX_BYTES + " bytes");
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        DriftReports.Report r = DriftReports.check(json, monitor);
        monitor.addReport(r.samples(), r.counts());
        ctx.status(202).json(Map.of("accepted", r.samples()));
    }

    private DriftMonitor monitor(Context ctx) {
        String id = ctx.pathParam("id");
        ServerModel model = registry.find(id).orElseThrow(() -> ApiException.notFound(
                "no model '" + id + "'; available: " + String.join(", ", registry.ids())));
        return monitors.monitor(model).orElseThrow(() -> ApiException.notFound("model " + id
                + " has no drift reference in its manifest; rebuild the bundle with the converter's validate"));
    }
}
