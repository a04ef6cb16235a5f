package io.tandem.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The pages and the ONNX Runtime Web files (classpath {@code public/}, the web jar) and
 * {@code /tandem.js} (classpath {@code tandem-client/}, the client jar). Two folders, because a
 * classpath folder resolves inside one jar only. Browsers revalidate (ETag), so an update is seen
 * on the next load.
 */
public final class StaticAssets {
    private StaticAssets() {
    }

    static final String[] FOLDERS = {"/public", "/tandem-client"};

    public static void register(JavalinConfig config) {
        for (String folder : FOLDERS) {
            add(config, folder);
        }
    }

    private static void add(JavalinConfig config, String folder) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = folder;
            files.location = Location.CLASSPATH;
            // Compressed once and kept in memory: the 14 MB WASM runtime gzips to ~3.5 MB, and
            // recompressing it for every visitor would cost a core for half a second.
            files.precompress = true;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
    }
}
