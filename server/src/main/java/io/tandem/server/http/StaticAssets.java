package io.tandem.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The pages, {@code /tandem.js} and the ONNX Runtime Web files, all from the classpath folder
 * {@code public/} (the web and client jars). Browsers revalidate them (ETag) so an update is seen
 * on the next load.
 */
public final class StaticAssets {
    private StaticAssets() {
    }

    public static void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
            files.precompress = false;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
    }
}
