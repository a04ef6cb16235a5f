package io.tandem.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Which requests spend the server's CPU and are therefore guarded by API keys and rate limits:
 * every non-GET request under {@code /api/v1/} (predict, jobs) and everything under
 * {@code /api/v1/jobs}. Listing and describing models stay public, like the bundles themselves.
 */
final class ApiPaths {
    static final String API = "/api/v1/";

    private ApiPaths() {
    }

    /** The admin API, which has its own keys ({@code TANDEM_ADMIN_KEYS}). */
    static boolean admin(Context ctx) {
        return ctx.path().startsWith(API + "admin/");
    }

    static boolean guarded(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith(API)) {
            return false;
        }
        HandlerType method = ctx.method();
        if (method == HandlerType.OPTIONS) {
            return false; // a CORS preflight carries no credentials; it changes nothing and answers from a table (Cors)
        }
        // The admin API, reads included, counts against the per-address limit: it slows key guessing.
        return (method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS)
                || path.startsWith(API + "jobs") || admin(ctx);
    }
}
