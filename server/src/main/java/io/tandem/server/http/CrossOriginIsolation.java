package io.tandem.server.http;

import io.javalin.Javalin;

/**
 * Makes every page cross-origin isolated (COOP same-origin + COEP require-corp), which the
 * browser demands before it gives ONNX Runtime Web SharedArrayBuffer and so more than one thread.
 * Everything is served from this origin, so nothing the pages load is blocked by it.
 */
public final class CrossOriginIsolation {
    private CrossOriginIsolation() {
    }

    public static void register(Javalin app) {
        app.before(ctx -> {
            ctx.header("Cross-Origin-Opener-Policy", "same-origin");
            ctx.header("Cross-Origin-Embedder-Policy", "require-corp");
            ctx.header("Cross-Origin-Resource-Policy", "same-origin");
            ctx.header("X-Content-Type-Options", "nosniff");
        });
    }
}
