package io.tandem.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CORS: off by default; an allow-list of exact origins when configured; preflights never a 404. */
class CorsTest {
    private static final String PREDICT = "/api/v1/models/minilm-l6-v2/predict";

    private static HttpResponse<String> preflight(RunningServer server, String origin) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(PREDICT))).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());
    }

    private static HttpResponse<String> predictFrom(RunningServer server, String origin) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(PREDICT))).header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"hello\"}")).build());
    }

    @Test
    void offByDefaultAPreflightIsRefusedInTheJsonShapeAndNoAnswerAllowsAnotherOrigin() {
        try (RunningServer server = RunningServer.withTestModels()) {
            HttpResponse<String> pre = preflight(server, "https://elsewhere.example");
            assertThat(pre.statusCode()).isEqualTo(403);
            assertThat(json(pre).path("error").asText()).isEqualTo("cors_refused");
            assertThat(json(pre).path("message").asText()).contains("TANDEM_CORS_ORIGINS");
            assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            HttpResponse<String> r = predictFrom(server, "https://elsewhere.example");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("the browser keeps the answer from the page").isEmpty();
        }
    }

    @Test
    void aListedOriginGetsItsPreflightAndItsAnswersAndNoOtherDoes() {
        ServerConfig config = ServerConfig.forModels(TestModels.dir()).withAccess(new ServerConfig.Access(
                Set.of("k"), ServerConfig.RateLimit.off(), ServerConfig.RateLimit.off(), Set.of(), Set.of("https://app.example.com")));
        try (RunningServer server = new RunningServer(config)) {
            HttpResponse<String> pre = preflight(server, "https://app.example.com");
            assertThat(pre.statusCode()).as("a preflight carries no API key and still passes").isEqualTo(204);
            assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
            assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Content-Type", "Authorization");
            assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
            HttpResponse<String> unauthenticated = predictFrom(server, "https://app.example.com");
            assertThat(unauthenticated.statusCode()).as("the real request is guarded as usual").isEqualTo(401);
            assertThat(unauthenticated.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");

            HttpResponse<String> other = preflight(server, "https://evil.example");
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(json(other).path("message").asText()).contains("https://evil.example", "not in TANDEM_CORS_ORIGINS");
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void anOriginThatIsNotOneIsRefusedAtStart() {
        for (String bad : new String[] {"*", "https://app.example.com/", "app.example.com", "https://a.example/path", "ftp://x.example"}) {
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_CORS_ORIGINS", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TANDEM_CORS_ORIGINS").hasMessageContaining("is not an origin");
        }
        assertThat(ServerConfig.fromEnvironment(Map.of("TANDEM_CORS_ORIGINS", "https://a.example, http://localhost:5173")).access().corsOrigins())
                .containsExactlyInAnyOrder("https://a.example", "http://localhost:5173");
    }
}
