package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Calls the admin API of a running server with one key, and predicts as a named client. */
final class AdminClient {
    static final String KEY = "admin-secret";
    private static final String BASE = "/api/v1/admin/models/" + VersionFolders.MODEL;

    private final RunningServer server;

    AdminClient(RunningServer server) {
        this.server = server;
    }

    HttpResponse<String> call(String method, String path, String jsonBody, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(BASE + path)))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return server.send(b.build());
    }

    /** An admin call that must succeed; its body. */
    JsonNode ok(String method, String path, String jsonBody) {
        HttpResponse<String> r = call(method, path, jsonBody, "Authorization", "Bearer " + KEY);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return json(r);
    }

    JsonNode stage(String version, int canaryPercent) {
        return ok("POST", "/versions", "{\"version\":\"" + version + "\",\"canaryPercent\":" + canaryPercent + "}");
    }

    JsonNode status() {
        return ok("GET", "/versions", null);
    }

    /** An admin call answered with an error: its status and JSON error code checked. */
    JsonNode fails(int status, String code, String method, String path, String jsonBody) {
        HttpResponse<String> r = call(method, path, jsonBody, "X-API-Key", KEY);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        return body;
    }

    /** The state of a version in a status answer, or "absent". */
    static String stateOf(JsonNode status, String version) {
        for (JsonNode v : status.get("versions")) {
            if (v.get("version").asText().equals(version)) {
                return v.get("state").asText();
            }
        }
        return "absent";
    }

    /** Predicts a digit as client {@code clientId}; the answer's status and body. */
    HttpResponse<String> predict(String clientId, boolean cached) {
        String path = "/api/v1/models/" + VersionFolders.MODEL + "/predict" + (cached ? "" : "?cache=false");
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json")
                .header("X-Tandem-Client", clientId)
                .POST(HttpRequest.BodyPublishers.ofString(DIGIT)).build();
        return server.send(request);
    }

    static final String DIGIT = digitJson();

    private static String digitJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(RunningServer.imageInput(MnistHead.load().get(0).image()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
