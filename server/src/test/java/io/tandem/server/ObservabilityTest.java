package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** /metrics after traffic, /health, /ready, and request logs that never hold the input. */
class ObservabilityTest extends DefaultServerTest {
    @Test
    void metricsArePresentAfterTraffic() {
        try (RunningServer server = RunningServer.withTestModels()) {
            metricsArePresentAfterTraffic(server);
        }
    }

    private static void metricsArePresentAfterTraffic(RunningServer server) {
        for (int i = 0; i < 3; i++) {
            assertThat(server.postJson("/api/v1/models/minilm-l6-v2/predict", Map.of("input", "metrics please")).statusCode()).isEqualTo(200);
        }
        server.postJson("/api/v1/models/nope/predict", Map.of("input", "x"));
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String m = r.body();
        assertThat(m).contains("tandem_predict_latency_seconds{device=\"server\",model=\"minilm-l6-v2\",version=\"1.0.0\",quantile=\"0.5\"}")
                .contains("quantile=\"0.95\"")
                .contains("quantile=\"0.99\"")
                .contains("tandem_predict_seconds_bucket{")
                .contains("tandem_predict_seconds_count{device=\"server\",model=\"minilm-l6-v2\",version=\"1.0.0\"} 3")
                .contains("tandem_batch_size_count{model=\"minilm-l6-v2\"}")
                .contains("tandem_queue_depth{model=\"minilm-l6-v2\"}")
                .contains("tandem_queue_depth{model=\"mnist-cnn\"}")
                .contains("cache_gets_total{cache=\"predictions\",result=\"hit\"} 2")
                .contains("cache_gets_total{cache=\"predictions\",result=\"miss\"} 1")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/models/{id}/predict\",status=\"200\"} 3")
                .contains("status=\"404\"")
                .contains("jvm_memory_used_bytes")
                .contains("process_memory_resident_bytes");
    }

    @Test
    void healthAndReadiness() {
        assertThat(json(server.get("/health")).get("status").asText()).isEqualTo("up");
        HttpResponse<String> ready = server.get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = json(ready);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("models").toString()).contains("minilm-l6-v2", "mnist-cnn");
    }

    @Test
    void eachRequestLogsOneLineWithoutTheInput() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            server.postJson("/api/v1/models/minilm-l6-v2/predict?cache=false", Map.of("input", "my secret diary entry"));
            long until = System.currentTimeMillis() + 5_000;
            while (!captured.toString(StandardCharsets.UTF_8).contains("tandem.requests") && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("tandem.requests"))).singleElement().satisfies(line -> assertThat(line)
                .contains("method=POST path=/api/v1/models/minilm-l6-v2/predict status=200 ms=")
                .contains("model=minilm-l6-v2 version=1.0.0 cache=BYPASS"));
        assertThat(log).doesNotContain("secret").doesNotContain("cache=false");
    }
}
