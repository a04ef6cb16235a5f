package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The prediction cache over HTTP: a repeat is a hit with the same output; callers can opt out. */
class PredictionCacheTest extends DefaultServerTest {
    private static final String PREDICT = "/api/v1/models/minilm-l6-v2/predict";

    @Test
    void aRepeatedInputIsServedFromTheCacheWithTheSameOutput() {
        HttpResponse<String> first = server.postJson(PREDICT, Map.of("input", "cache me if you can"));
        HttpResponse<String> second = server.postJson(PREDICT, Map.of("input", "cache me if you can"));
        HttpResponse<String> other = server.postJson(PREDICT, Map.of("input", "cache me if you can!"));
        assertThat(first.headers().firstValue("X-Tandem-Cache")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Tandem-Cache")).hasValue("HIT");
        assertThat(other.headers().firstValue("X-Tandem-Cache")).hasValue("MISS");
        assertThat(json(second).get("output")).isEqualTo(json(first).get("output"));
        assertThat(json(other).get("output")).isNotEqualTo(json(first).get("output"));
    }

    @Test
    void callersCanBypassTheCacheByQueryOrHeader() {
        server.postJson(PREDICT, Map.of("input", "fresh every time"));
        HttpResponse<String> byQuery = server.postJson(PREDICT + "?cache=false", Map.of("input", "fresh every time"));
        assertThat(byQuery.headers().firstValue("X-Tandem-Cache")).hasValue("BYPASS");
        HttpResponse<String> byHeader = server.send(HttpRequest.newBuilder(URI.create(server.url(PREDICT)))
                .header("Content-Type", "application/json").header("Cache-Control", "no-cache")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"fresh every time\"}")).build());
        assertThat(byHeader.statusCode()).isEqualTo(200);
        assertThat(byHeader.headers().firstValue("X-Tandem-Cache")).hasValue("BYPASS");
        JsonNode cached = json(server.postJson(PREDICT, Map.of("input", "fresh every time")));
        assertThat(json(byHeader).get("output")).isEqualTo(cached.get("output"));
    }

    @Test
    void imagesAreKeyedByTheirPixels() {
        var digit = MnistHead.load().get(0).image();
        HttpResponse<String> first = server.postJson("/api/v1/models/mnist-cnn/predict", RunningServer.imageInput(digit));
        HttpResponse<String> again = server.postJson("/api/v1/models/mnist-cnn/predict", RunningServer.imageInput(digit));
        assertThat(first.headers().firstValue("X-Tandem-Cache")).hasValue("MISS");
        assertThat(again.headers().firstValue("X-Tandem-Cache")).hasValue("HIT");
        assertThat(json(again).get("output")).isEqualTo(json(first).get("output"));
    }
}
