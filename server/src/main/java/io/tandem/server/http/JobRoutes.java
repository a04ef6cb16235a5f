package io.tandem.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.InferenceTimeoutException;
import io.tandem.server.inference.OverloadedException;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.jobs.JobService;
import io.tandem.server.jobs.JobView;
import io.tandem.server.models.ModelLease;
import io.tandem.server.models.ModelRegistry;

import java.util.List;
import java.util.Map;

/**
 * Asynchronous jobs over HTTP: {@code POST /api/v1/models/{id}/jobs} with {@code {"inputs": [...]}}
 * answers 202 and the job (its URL in {@code Location}); {@code GET /api/v1/jobs/{id}} gives its
 * state, progress, and the results or the error once finished.
 */
public final class JobRoutes {
    private final ModelRegistry registry;
    private final JobService jobs;
    private final PredictRequests requests;
    private final SseHandler stream = new SseHandler(this::stream);

    public JobRoutes(ModelRegistry registry, JobService jobs, RequestBodies bodies, long maxImagePixels) {
        this.registry = registry;
        this.jobs = jobs;
        this.requests = new PredictRequests(bodies, new ImageDecoding(maxImagePixels));
    }

    public void register(Javalin app) {
        app.post("/api/v1/models/{id}/jobs", this::submit);
        app.get("/api/v1/jobs/{id}", this::status);
        app.get("/api/v1/jobs/{id}/events", this::events);
    }

    /**
     * Checks before the stream opens, so a mistake is a status code and a JSON body, not an
     * empty 200 or an error event: an unknown job is 404, a caller that does not accept an event
     * stream is 406 with the polling route to use instead.
     */
    private void events(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        jobs.find(id).orElseThrow(() -> unknownJob(id));
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "not_acceptable", "GET /api/v1/jobs/" + Echo.of(id) + "/events streams server-sent events:"
                    + " send 'Accept: text/event-stream', or poll GET /api/v1/jobs/" + Echo.of(id));
        }
        stream.handle(ctx);
    }

    /**
     * Server-sent events: {@code progress} ({id, state, progress}) on every change, then one
     * {@code done} with the whole job (results or error), then the stream ends.
     */
    private void stream(SseClient client) {
        String id = client.ctx().pathParam("id");
        JobView job = jobs.find(id).orElse(null);
        if (job == null) {
            // Expired between the check and the stream: rare, and said the only way a stream can.
            client.sendEvent("error", Json.writeCompact(Map.of("error", "not_found", "message", "no job '" + Echo.of(id) + "'")));
            client.close();
            return;
        }
        client.keepAlive();
        Runnable stop = jobs.listen(id, j -> send(client, j));
        client.onClose(stop);
        // Read again after listening: a change between the first read and the listen is not lost.
        send(client, jobs.find(id).orElse(job));
    }

    private static void send(SseClient client, JobView job) {
        if (client.terminated()) {
            return;
        }
        if (job.finished()) {
            synchronized (client) {
                if (!client.terminated()) {
                    client.sendEvent("done", Json.writeCompact(job.toJson()));
                    client.close();
                }
            }
        } else {
            synchronized (client) {
                client.sendEvent("progress", Json.writeCompact(job.progressJson()));
            }
        }
    }

    private void submit(Context ctx) {
        String id = ctx.pathParam("id");
        // A job keeps the one version it was routed to for all its inputs (embeddings of two
        // versions do not mix) and holds it loaded until the job has finished.
        ModelLease lease = registry.acquire(id, ClientIds.of(ctx)).orElseThrow(() -> ApiException.notFound(
                "no model '" + Echo.of(id) + "'; available: " + String.join(", ", registry.ids())));
        JobView job;
        try {
            ServerModel model = lease.model();
            List<ModelInput> inputs = requests.readAll(ctx, model.manifest().task().inputKind(), jobs.config().maxInputs());
            job = jobs.submit(ClientIds.caller(ctx), lease, inputs);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        ctx.status(202).header("Location", "/api/v1/jobs/" + job.id()).json(job.toJson());
    }

    private void status(Context ctx) {
        String id = ctx.pathParam("id");
        JobView job = jobs.find(id).orElseThrow(() -> unknownJob(id));
        ctx.json(job.toJson());
    }

    private ApiException unknownJob(String id) {
        return ApiException.notFound("no job '" + Echo.of(id) + "': it never existed, or it finished more than "
                + jobs.config().ttl().toSeconds() + " s ago and its result was dropped");
    }

    /** A failed job's {error, message}, as the same failure would answer a predict request. */
    public static String[] describe(Throwable failure) {
        if (failure instanceof InvalidInputException) {
            return new String[]{"invalid_input", failure.getMessage()};
        }
        if (failure instanceof InferenceTimeoutException) {
            return new String[]{"timeout", failure.getMessage()};
        }
        if (failure instanceof OverloadedException) {
            return new String[]{"overloaded", failure.getMessage()};
        }
        if (failure instanceof io.tandem.server.inference.NonFiniteOutputException) {
            return new String[]{"non_finite_output", failure.getMessage()};
        }
        if (failure instanceof ApiException api) {
            return new String[]{api.code(), api.getMessage()};
        }
        return new String[]{"internal_error", "the job failed on the server; it has been logged"};
    }
}
