package io.tandem.server.http;

import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the server's OpenAPI document ({@code openapi.json} on the classpath, written by hand
 * beside the routes it describes) at {@code /openapi.json}. A test checks that every registered
 * route is in it.
 */
public final class OpenApiDocument {
    public static final String PATH = "/openapi.json";
    private final String json;

    public OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            this.json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json", e);
        }
    }

    public void register(Javalin app) {
        app.get(PATH, ctx -> ctx.contentType("application/json").result(json));
    }
}
