package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** API keys (401), rate limits per key and per address (429 + Retry-After), the body limit (413). */
class AccessLimitsTest {
    private static final String PREDICT = "/api/v1/models/minilm-l6-v2/predict";

    private static HttpResponse<String> predict(RunningServer server, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(PREDICT)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hello\"}"));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return server.send(b.build());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void withKeysConfiguredPredictNeedsAValidKeyByBearerOrHeader() {
        ServerConfig config = ServerConfig.forModels(TestModels.dir()).withAccess(new ServerConfig.Access(
                Set.of("k-one", "k-two"), ServerConfig.RateLimit.off(), ServerConfig.RateLimit.off()));
        try (RunningServer server = new RunningServer(config)) {
            HttpResponse<String> none = predict(server);
            assertError(none, 401, "unauthorized");
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertError(predict(server, "Authorization", "Bearer wrong"), 401, "unauthorized");
            assertError(predict(server, "X-API-Key", "k-one-and-more"), 401, "unauthorized");
            assertThat(predict(server, "Authorization", "Bearer k-one").statusCode()).isEqualTo(200);
            assertThat(predict(server, "X-API-Key", "k-two").statusCode()).isEqualTo(200);
            // Model metadata stays public, like the bundles the browser downloads.
            assertThat(server.get("/api/v1/models").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutKeysConfiguredPredictIsOpen() {
        try (RunningServer server = RunningServer.withTestModels()) {
            assertThat(predict(server).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        ServerConfig config = ServerConfig.forModels(TestModels.dir()).withAccess(new ServerConfig.Access(
                Set.of("a", "b"), ServerConfig.RateLimit.perMinute(2), ServerConfig.RateLimit.off()));
        try (RunningServer server = new RunningServer(config)) {
            assertThat(predict(server, "X-API-Key", "a").statusCode()).isEqualTo(200);
            assertThat(predict(server, "X-API-Key", "a").statusCode()).isEqualTo(200);
            HttpResponse<String> third = predict(server, "X-API-Key", "a");
            assertError(third, 429, "too_many_requests");
            assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(predict(server, "X-API-Key", "b").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void eachAddressHasARateLimitEvenWithoutKeys() {
        ServerConfig config = ServerConfig.forModels(TestModels.dir()).withAccess(new ServerConfig.Access(
                Set.of(), ServerConfig.RateLimit.off(), ServerConfig.RateLimit.perMinute(1)));
        try (RunningServer server = new RunningServer(config)) {
            assertThat(predict(server).statusCode()).isEqualTo(200);
            HttpResponse<String> second = predict(server);
            assertError(second, 429, "too_many_requests");
            assertThat(second.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(second.body()).contains("this address");
            assertThat(server.get("/api/v1/models").statusCode()).as("metadata is not limited").isEqualTo(200);
        }
    }

    @Test
    void aBodyOverTheConfiguredLimitIs413() {
        try (RunningServer server = new RunningServer(ServerConfig.forModels(TestModels.dir()).withMaxRequestBytes(1024))) {
            HttpResponse<String> r = server.postJson(PREDICT, java.util.Map.of("input", "x".repeat(4096)));
            assertError(r, 413, "payload_too_large");
        }
    }
}
