package io.tandem.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the server needs to start, read once from the environment by {@link Main}; tests
 * build it directly.
 *
 * @param port           HTTP port ({@code PORT}, default 8080)
 * @param modelsDir      folder holding one bundle per sub-folder ({@code TANDEM_MODELS})
 * @param ortThreads     intra-op threads per onnxruntime session, 0 = onnxruntime's default
 *                       ({@code TANDEM_ORT_THREADS})
 * @param maxRequestBytes largest request body accepted ({@code TANDEM_MAX_REQUEST_BYTES})
 */
public record ServerConfig(int port, Path modelsDir, int ortThreads, long maxRequestBytes) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    public static ServerConfig forModels(Path modelsDir) {
        return new ServerConfig(DEFAULT_PORT, modelsDir, 0, DEFAULT_MAX_REQUEST_BYTES);
    }

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        int port = intValue(env, "PORT", DEFAULT_PORT);
        Path models = Path.of(env.getOrDefault("TANDEM_MODELS", defaultModelsDir()));
        int threads = intValue(env, "TANDEM_ORT_THREADS", 0);
        long maxBytes = intValue(env, "TANDEM_MAX_REQUEST_BYTES", (int) DEFAULT_MAX_REQUEST_BYTES);
        return new ServerConfig(port, models, threads, maxBytes);
    }

    /** {@code models} under the working directory, or beside it when started from {@code server/}. */
    private static String defaultModelsDir() {
        return Files.isDirectory(Path.of("models")) || !Files.isDirectory(Path.of("../models")) ? "models" : "../models";
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
