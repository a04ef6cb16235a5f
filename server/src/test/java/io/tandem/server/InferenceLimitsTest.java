package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The inference queue's bound (503 + Retry-After) and time limit (504) over HTTP, as JSON. */
class InferenceLimitsTest {
    private static final Map<String, String> LONG_TEXT = Map.of("input", "a fairly long sentence to embed ".repeat(40));

    private static ServerConfig config(int capacity, Duration timeout) {
        return ServerConfig.forModels(TestModels.dir())
                .withCache(ServerConfig.Cache.off())
                .withInference(new ServerConfig.Inference(false, 1, Duration.ZERO, capacity, 1, timeout));
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndNeverQueuesMore() throws Exception {
        try (RunningServer server = new RunningServer(config(1, Duration.ofSeconds(60)))) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> server.postJson("/api/v1/models/minilm-l6-v2/predict", LONG_TEXT)));
            }
            int ok = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                    JsonNode body = json(r);
                    assertThat(body.get("error").asText()).isEqualTo("overloaded");
                    assertThat(body.get("message").asText()).contains("requests waiting");
                    refused++;
                }
            }
            pool.shutdownNow();
            assertThat(ok).isPositive();
            assertThat(refused).isPositive();
        }
    }

    @Test
    void aPredictionOverTheTimeLimitAnswers504() {
        try (RunningServer server = new RunningServer(config(16, Duration.ofMillis(1)))) {
            HttpResponse<String> r = server.postJson("/api/v1/models/minilm-l6-v2/predict", LONG_TEXT);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
            assertThat(json(r).get("error").asText()).isEqualTo("timeout");
            assertThat(json(r).get("message").asText()).contains("1 ms");
        }
    }
}
