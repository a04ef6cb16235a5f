package io.tandem.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.Bundle;
import io.tandem.server.models.ModelRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /models/{id}/{file}}: the bundle files the browser downloads. Only files the manifest
 * lists are served (nothing else in the folder leaks); the ETag is the file's sha256 from the
 * manifest, so a revalidation costs a 304 and a changed model is never served stale.
 */
public final class ModelFileRoutes {
    private final ModelRegistry registry;

    public ModelFileRoutes(ModelRegistry registry) {
        this.registry = registry;
    }

    public void register(Javalin app) {
        app.get("/models/{id}/{file}", this::serve);
    }

    private void serve(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        String file = ctx.pathParam("file");
        Bundle bundle = registry.find(id).map(ServerModel::bundle)
                .orElseThrow(() -> ApiException.notFound("no model '" + id + "'"));
        ctx.header("Cache-Control", "no-cache");
        if (Bundle.MANIFEST.equals(file)) {
            byte[] json = bundle.manifestJson().getBytes(StandardCharsets.UTF_8);
            ctx.header("ETag", "\"" + bundle.manifestSha256() + "\"");
            if (notModified(ctx)) {
                return;
            }
            ctx.contentType("application/json").result(json);
            return;
        }
        String sha = bundle.etagOf(file).orElseThrow(() -> ApiException.notFound("model '" + id + "' has no file '" + file + "'"));
        ctx.header("ETag", "\"" + sha + "\"");
        if (notModified(ctx)) {
            return;
        }
        Path path = bundle.path(file);
        // Model weights barely compress (fp32 ~7%) and gzip of 90 MB on every download would
        // cost more CPU than the bytes it saves; send them as they are, with their exact length.
        ctx.disableCompression();
        ctx.contentType(contentType(file));
        ctx.header("Content-Length", Long.toString(Files.size(path)));
        InputStream in = Files.newInputStream(path);
        ctx.result(in);
    }

    private static boolean notModified(Context ctx) {
        String tag = ctx.res().getHeader("ETag");
        String seen = ctx.header("If-None-Match");
        if (seen != null && seen.equals(tag)) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    private static String contentType(String file) {
        if (file.endsWith(".json")) {
            return "application/json";
        }
        if (file.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
