package io.tandem.server.http;

import io.javalin.Javalin;
import io.tandem.server.shared.SharedStateUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.server.inference.InferenceTimeoutException;
import io.tandem.server.inference.NonFiniteOutputException;
import io.tandem.server.jobs.TooManyJobsException;
import org.eclipse.jetty.http.BadMessageException;
import io.tandem.server.inference.OverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps every failure, once, to the JSON error shape {@code {error, message}}: the caller's
 * mistakes get a 4xx and a message that says what to fix; anything else a 500 with no internals.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void register(Javalin app) {
        register(app, new AllowedMethods(List::of));
    }

    public static void register(Javalin app, AllowedMethods allowed) {
        app.exception(ApiException.class, (e, ctx) -> {
            retryAfter(ctx, e.retryAfterSeconds());
            respond(ctx, e.status(), e.code(), e.getMessage());
        });
        app.exception(OverloadedException.class, (e, ctx) -> {
            retryAfter(ctx, e.retryAfterSeconds());
            respond(ctx, 503, "overloaded", e.getMessage());
        });
        app.exception(TooManyJobsException.class, (e, ctx) -> {
            retryAfter(ctx, e.retryAfterSeconds());
            respond(ctx, 429, "too_many_requests", e.getMessage());
        });
        app.exception(SharedStateUnavailableException.class, (e, ctx) -> {
            // Redis will be back in seconds (a restart, a failover); the caller may retry then.
            retryAfter(ctx, 5);
            respond(ctx, 503, "unavailable", e.getMessage());
        });
        app.exception(InferenceTimeoutException.class, (e, ctx) -> respond(ctx, 504, "timeout", e.getMessage()));
        app.exception(InvalidInputException.class, (e, ctx) -> respond(ctx, 400, "invalid_input", e.getMessage()));
        app.exception(NonFiniteOutputException.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, 500, "non_finite_output", e.getMessage());
        });
        // The caller hung up or stopped sending mid-body: what it is, in the request log, no stack.
        app.exception(ClientGoneException.class, (e, ctx) -> respond(ctx, ClientGoneException.timedOut(e) ? 408 : 499,
                ClientGoneException.timedOut(e) ? "request_timeout" : "client_closed_request", "the request body did not arrive"));
        // Jetty's refusals while reading a body (too slow: 408, malformed chunking: 400).
        app.exception(BadMessageException.class, (e, ctx) -> respond(ctx, e.getCode(), codeFor(e.getCode()),
                e.getCode() == 408 ? "the request body arrived too slowly" : "the request body is not well-formed"));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404 && ctx.path().startsWith("/api/") && notAllowed(ctx, allowed)) {
                return;
            }
            respond(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage());
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "the server failed to handle this request; it has been logged");
        });
        // Javalin's own 404/405/413 pages become the same JSON shape for API paths; a browser
        // navigating to a missing page gets an HTML page with the site's navigation instead.
        NotFoundPage notFoundPage = new NotFoundPage();
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            boolean alreadyJson = type != null && type.startsWith("application/json");
            if (ctx.path().startsWith("/api/") && !alreadyJson) {
                if (!notAllowed(ctx, allowed)) {
                    respond(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            } else if (NotFoundPage.wanted(ctx)) {
                notFoundPage.respond(ctx);
            }
        });
        app.error(413, ctx -> respond(ctx, 413, "payload_too_large", "the request body is larger than the server accepts"));
    }

    /** Answers 405 with {@code Allow} when the path is served under other methods; false when it is not served at all. */
    private static boolean notAllowed(Context ctx, AllowedMethods allowed) {
        Set<String> methods = allowed.methodsFor(ctx.path());
        if (methods.isEmpty()) {
            return false;
        }
        ctx.header("Allow", String.join(", ", methods));
        respond(ctx, 405, "method_not_allowed", ctx.method() + " is not served at " + ctx.path() + "; use " + String.join(" or ", methods));
        return true;
    }

    private static void retryAfter(Context ctx, int seconds) {
        if (seconds > 0) {
            ctx.header("Retry-After", Integer.toString(seconds));
        }
    }

    static void respond(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", Echo.message(message));
        ctx.status(status).json(body);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 408 -> "request_timeout";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 401 -> "unauthorized";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
