package io.tandem.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The calls these tests make, against any base URL (an instance or nginx), with the same headers
 * a client would send. JSON in, {@link Reply} out; a transport error is a test failure.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private final String base;
    private final Map<String, String> headers;

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** Calls to {@code base} ({@code http://127.0.0.1:port}). */
    static Api at(String base) {
        return new Api(base, Map.of());
    }

    /** The same calls with one more header on each. */
    Api with(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, Map.copyOf(more));
    }

    /** The same calls as the holder of API key {@code key}. */
    Api key(String key) {
        return with("Authorization", "Bearer " + key);
    }

    /** Predictions that neither read nor fill the prediction cache (server/README.md, Prediction cache). */
    Api noCache() {
        return with("Cache-Control", "no-cache");
    }

    String url(String path) {
        return base + path;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Reply predict(String model, Object input) {
        return post("/api/v1/models/" + model + "/predict", Map.of("input", input));
    }

    Reply submitJob(String model, java.util.List<?> inputs) {
        return post("/api/v1/models/" + model + "/jobs", Map.of("inputs", inputs));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        return b;
    }

    static HttpClient client() {
        return HTTP;
    }

    private static Reply send(HttpRequest.Builder request) {
        HttpRequest r = request.build();
        try {
            return Reply.of(HTTP.send(r, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(r.method() + " " + r.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
