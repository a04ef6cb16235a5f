package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The real app on a free port, with a small HTTP client; shared by a test class (models load once). */
public final class RunningServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TandemServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public RunningServer(ServerConfig config) {
        this.server = TandemServer.create(config);
        server.app().start(0);
    }

    public static RunningServer withTestModels() {
        return new RunningServer(ServerConfig.forModels(TestModels.dir()));
    }

    public String url(String path) {
        return "http://localhost:" + server.app().port() + path;
    }

    public TandemServer server() {
        return server;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> postJson(String path, Object body) {
        try {
            return post(path, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> imageInput(io.tandem.pipeline.image.RgbaImage image) {
        return Map.of("input", Map.of("width", image.width(), "height", image.height(),
                "data", java.util.Base64.getEncoder().encodeToString(image.rgba())));
    }

    @Override
    public void close() {
        server.app().stop();
    }
}
