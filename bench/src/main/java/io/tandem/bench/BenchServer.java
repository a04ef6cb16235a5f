package io.tandem.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.tandem.server.ServerConfig;
import io.tandem.server.TandemServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The real Tandem server (pages, /tandem.js, /ort/, models, predict API) started in-process on a
 * free loopback port, plus the benchmark's own routes, added before start:
 * <ul>
 *   <li>{@code /bench/*}: the benchmark page and its script (classpath {@code bench/});</li>
 *   <li>{@code /tjs/dist/*}: transformers.js's browser build, {@code /tjs/ort/*}: the ONNX Runtime
 *       Web files it ships, {@code /tjs/models/*}: its model folder (see {@link BenchFiles}).</li>
 * </ul>
 * The extra assets are served the way the server serves its own: scripts and WASM gzipped once and
 * kept in memory, model files as they are, every response revalidated (no-cache + ETag).
 */
public final class BenchServer implements AutoCloseable {
    private final TandemServer server;
    private final Map<Path, byte[]> gzipped = new ConcurrentHashMap<>();

    public BenchServer(BenchFiles files, Path nodeModules) {
        // The prediction cache off: the server row measures inference, not repeated inputs answered from memory.
        this.server = TandemServer.create(ServerConfig.forModels(files.models()).withCache(ServerConfig.Cache.off()));
        Javalin app = server.app();
        Path tjsDist = nodeModules.resolve("@huggingface/transformers/dist");
        Path nested = nodeModules.resolve("@huggingface/transformers/node_modules/onnxruntime-web/dist");
        Path ortDist = Files.isDirectory(nested) ? nested : nodeModules.resolve("onnxruntime-web/dist");
        if (!Files.isRegularFile(tjsDist.resolve("transformers.js"))) {
            throw new IllegalStateException(tjsDist + " has no transformers.js: run `npm ci --ignore-scripts` in bench/");
        }
        app.get("/bench/{file}", ctx -> resource(ctx, ctx.pathParam("file")));
        app.get("/tjs/dist/{file}", ctx -> file(ctx, tjsDist, ctx.pathParam("file"), true));
        app.get("/tjs/ort/{file}", ctx -> file(ctx, ortDist, ctx.pathParam("file"), true));
        // FirstVisit's before/after: another build of tandem.js, as a file (tandem.bench.altClient).
        String alt = System.getProperty("tandem.bench.altClient");
        if (alt != null) {
            Path altFile = Path.of(alt).toAbsolutePath();
            app.get("/alt/tandem.js", ctx -> file(ctx, altFile.getParent(), altFile.getFileName().toString(), true));
        }
        app.get("/tjs/models/<path>", ctx -> file(ctx, files.tjsModels(), ctx.pathParam("path"), false));
        // Warm the gzip cache so that no timed download pays for compression.
        for (String f : new String[] {"transformers.js"}) {
            gzip(tjsDist.resolve(f));
        }
        for (String f : new String[] {"ort-wasm-simd-threaded.asyncify.mjs", "ort-wasm-simd-threaded.asyncify.wasm"}) {
            gzip(ortDist.resolve(f));
        }
        app.start("127.0.0.1", 0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.app().port() + path;
    }

    public TandemServer server() {
        return server;
    }

    private void resource(Context ctx, String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(html|js)")) {
            throw new NotFoundResponse("no bench file '" + name + "'");
        }
        try (InputStream in = BenchServer.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new NotFoundResponse("no bench file '" + name + "'");
            }
            ctx.header("Cache-Control", "no-store");
            ctx.contentType(contentType(name)).result(in.readAllBytes());
        }
    }

    private void file(Context ctx, Path base, String relative, boolean compress) throws IOException {
        Path path = base.resolve(relative).normalize();
        if (!path.startsWith(base) || !Files.isRegularFile(path)) {
            throw new NotFoundResponse("no file '" + relative + "'");
        }
        long size = Files.size(path);
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(Files.getLastModifiedTime(path).toMillis()) + "\"";
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType(path.getFileName().toString()));
        ctx.disableCompression();
        String accept = ctx.header("Accept-Encoding");
        if (compress && accept != null && accept.contains("gzip")) {
            byte[] gz = gzip(path);
            ctx.header("Content-Encoding", "gzip");
            ctx.header("Vary", "Accept-Encoding");
            ctx.header("Content-Length", Integer.toString(gz.length));
            ctx.result(gz);
            return;
        }
        ctx.header("Content-Length", Long.toString(size));
        ctx.result(Files.newInputStream(path));
    }

    private byte[] gzip(Path path) {
        return gzipped.computeIfAbsent(path, p -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    Files.copy(p, gz);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String contentType(String name) {
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript";
        }
        if (name.endsWith(".wasm")) {
            return "application/wasm";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.app().stop();
    }
}
