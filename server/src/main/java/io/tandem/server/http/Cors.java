package io.tandem.server.http;

import io.javalin.Javalin;

import java.util.Set;

/**
 * Cross-origin calls to the API: off unless {@code TANDEM_CORS_ORIGINS} lists origins. A listed
 * origin's requests get {@code Access-Control-Allow-Origin} (that origin, never {@code *}) and its
 * preflights a 204 with the methods and headers the API uses; any other preflight gets a 403 in the
 * JSON error shape, saying how to allow it, instead of a 404. Preflights carry no credentials, so
 * API keys do not guard them ({@link ApiPaths}); the real request that follows is guarded as usual.
 */
public final class Cors {
    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "Content-Type, Authorization, X-API-Key, X-Tandem-Client";
    static final String EXPOSED = "X-Tandem-Cache, Retry-After";

    private final Set<String> origins;

    public Cors(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    public void register(Javalin app) {
        app.before(ApiPaths.API + "*", ctx -> {
            String origin = ctx.header("Origin");
            if (origin != null && origins.contains(origin)) {
                ctx.header("Access-Control-Allow-Origin", origin);
                ctx.header("Access-Control-Expose-Headers", EXPOSED);
                ctx.header("Vary", "Origin");
            }
        });
        app.options(ApiPaths.API + "*", ctx -> {
            String origin = ctx.header("Origin");
            if (origin == null || !origins.contains(origin)) {
                throw new ApiException(403, "cors_refused", origins.isEmpty()
                        ? "cross-origin requests are off: only this server's own pages may call the API (TANDEM_CORS_ORIGINS lists others)"
                        : "origin " + Echo.of(origin) + " may not call the API from a browser (not in TANDEM_CORS_ORIGINS)");
            }
            ctx.header("Access-Control-Allow-Methods", METHODS);
            ctx.header("Access-Control-Allow-Headers", HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
        });
    }
}
