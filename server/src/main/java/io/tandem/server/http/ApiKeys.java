package io.tandem.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.server.ServerConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Optional API keys: off when none are configured (the local demo); otherwise every guarded request
 * ({@link ApiPaths}) needs {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}, or is
 * answered 401. The accepted key is kept on the request for per-key rate limits.
 */
public final class ApiKeys {
    /** Request attribute holding the caller's accepted key. */
    static final String ATTRIBUTE = "tandem.apiKey";

    private final List<byte[]> keys = new ArrayList<>();

    public ApiKeys(ServerConfig.Access access) {
        this(access.apiKeys());
    }

    /** Any set of keys checked the same way (the admin keys too). */
    ApiKeys(java.util.Collection<String> accepted) {
        for (String k : accepted) {
            keys.add(k.getBytes(StandardCharsets.UTF_8));
        }
    }

    boolean configured() {
        return !keys.isEmpty();
    }

    public void register(Javalin app) {
        if (keys.isEmpty()) {
            return;
        }
        app.before(ctx -> {
            // The admin API checks its own keys (AdminRoutes).
            if (!ApiPaths.guarded(ctx) || ApiPaths.admin(ctx)) {
                return;
            }
            String presented = presented(ctx);
            if (presented == null) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiException(401, "unauthorized",
                        "this server needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
            }
            if (!accepted(presented)) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                throw new ApiException(401, "unauthorized", "the API key is not valid");
            }
            ctx.attribute(ATTRIBUTE, presented);
        });
    }

    static String presented(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        String header = ctx.header("X-API-Key");
        return header == null || header.isBlank() ? null : header.trim();
    }

    /** Compares against every key in constant time per key, so timing tells nothing about a key. */
    boolean accepted(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] k : keys) {
            ok |= MessageDigest.isEqual(k, p);
        }
        return ok;
    }
}
