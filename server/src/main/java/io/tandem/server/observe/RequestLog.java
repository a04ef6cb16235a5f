package io.tandem.server.observe;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request: method, path (no query string), status, milliseconds, and the
 * model and cache outcome for predictions. Never the body, the query or any header value, so no
 * user input and no API key reaches the log.
 */
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("tandem.requests");

    private RequestLog() {
    }

    public static void log(Context ctx, float ms) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(line(ctx, ms));
    }

    static String line(Context ctx, float ms) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("method=").append(ctx.method().name())
                .append(" path=").append(safe(ctx.path()))
                .append(" status=").append(ctx.statusCode())
                .append(" ms=").append(String.format(java.util.Locale.ROOT, "%.1f", ms));
        String model = ctx.attribute(Metrics.MODEL);
        if (model != null) {
            sb.append(" model=").append(safe(model));
            Object version = ctx.attribute(Metrics.MODEL_VERSION);
            if (version != null) {
                sb.append(" version=").append(safe(version.toString()));
            }
        }
        String cache = ctx.res().getHeader("X-Tandem-Cache");
        if (cache != null) {
            sb.append(" cache=").append(cache);
        }
        return sb.toString();
    }

    /** Keeps a value on one line and free of spaces, so the line stays machine-readable. */
    private static String safe(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            out.append(c <= ' ' || c == 0x7f ? '_' : c);
        }
        return out.toString();
    }
}
