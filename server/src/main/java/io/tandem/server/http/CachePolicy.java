package io.tandem.server.http;

import io.javalin.http.Context;

import java.util.Locale;

/**
 * Whether a predict request may be answered from, and stored in, the prediction cache: not when
 * the caller sends {@code Cache-Control: no-cache} or {@code no-store}, or {@code ?cache=false}.
 */
final class CachePolicy {
    /** Response header saying what the cache did: HIT, MISS or BYPASS. */
    static final String HEADER = "X-Tandem-Cache";

    private CachePolicy() {
    }

    static boolean allowed(Context ctx) {
        String query = ctx.queryParam("cache");
        if (query != null && (query.equalsIgnoreCase("false") || query.equals("0") || query.equalsIgnoreCase("off"))) {
            return false;
        }
        String control = ctx.header("Cache-Control");
        if (control == null) {
            return true;
        }
        String c = control.toLowerCase(Locale.ROOT);
        return !c.contains("no-cache") && !c.contains("no-store");
    }
}
