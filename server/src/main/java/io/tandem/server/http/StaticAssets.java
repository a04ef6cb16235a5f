package io.tandem.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The pages and the ONNX Runtime Web files (classpath {@code public/}, the web jar) and
 * {@code /tandem.js} (classpath {@code tandem-client/}, the client jar). Two folders, because a
 * classpath folder resolves inside one jar only. Browsers revalidate (ETag), so an update is seen
 * on the next load.
 *
 * <p>Each folder is registered twice. Text assets (pages, scripts, the ORT Web loaders) are
 * compressed once and kept in memory ({@code precompress}). Three kinds of path are left to a plain
 * handler, because Javalin's precompressing handler mishandles them: files over its 2 MB limit (the
 * {@code .wasm} runtimes, 14 and 26 MB) would answer 404; a folder's index ({@code /}) and
 * {@code .ts} files (the type declarations) would be sent with an empty Content-Type, since that
 * handler takes types from Jetty's table alone. The browser keeps the big ones in its HTTP cache and
 * the service worker's cache, so they are rarely sent twice.
 *
 * <p>{@code /docs} (the API docs page, {@code public/docs/index.html}) redirects to {@code /docs/}:
 * the folder's name without the slash would be sent with an empty Content-Type too. A before
 * handler, not a route, so the OpenAPI document (routes only) need not list it.
 */
public final class StaticAssets {
    private StaticAssets() {
    }

    static final String[] FOLDERS = {"/public", "/tandem-client"};

    /** Paths the precompressing handler must not answer. */
    static final Predicate<String> PLAIN = path -> path.endsWith(".wasm") || path.endsWith("/") || path.endsWith(".ts");

    static final String DOCS = "/docs";

    public static void register(JavalinConfig config) {
        for (String folder : FOLDERS) {
            add(config, folder, true);
            add(config, folder, false);
        }
        config.router.mount(router -> router.before(DOCS, ctx -> {
            if (DOCS.equals(ctx.path())) {
                ctx.redirect(DOCS + "/", HttpStatus.MOVED_PERMANENTLY);
                ctx.skipRemainingHandlers();
            }
        }));
    }

    private static void add(JavalinConfig config, String folder, boolean precompressed) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = folder;
            files.location = Location.CLASSPATH;
            files.precompress = precompressed;
            files.skipFileFunction = request -> PLAIN.test(request.getRequestURI()) == precompressed;
            files.headers = Map.of("Cache-Control", "no-cache");
            // Jetty's table knows .ts as an MPEG transport stream: the type declarations
            // (/tandem.d.ts) would be offered as video. Text, so a browser shows them.
            files.mimeTypes.add("text/plain; charset=utf-8", "ts");
        });
    }
}
