package io.tandem.server.http;

import io.javalin.Javalin;

/**
 * The browser-side defences every response carries, beside {@link CrossOriginIsolation}: what a page
 * may load and run (Content-Security-Policy), that no other site may frame it, that it sends no
 * referrer, and that it asks for no camera, microphone or location.
 *
 * <p>The policy allows only this origin, with two allowances for ONNX Runtime Web: compiling
 * WebAssembly needs {@code 'wasm-unsafe-eval'} (not {@code 'unsafe-eval'}: JavaScript eval stays
 * forbidden, and the WebGPU build was measured to run without it), and its worker may start from a
 * {@code blob:} URL. Inline scripts are forbidden — the pages load theirs from files — so an injected
 * {@code <script>} or {@code onerror=} attribute does not run (e2e DemoPagesTest proves both: no
 * violation on any page, an injected inline script blocked).
 */
public final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' blob:",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "img-src 'self' data: blob:",
            "style-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    private SecurityHeaders() {
    }

    public static void register(Javalin app) {
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Permissions-Policy", PERMISSIONS_POLICY);
        });
    }
}
