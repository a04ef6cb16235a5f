package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.pipeline.image.RgbaImage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static io.tandem.server.RunningServer.imageInput;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift on the server: live inputs against the bundle's reference (the same 62 MNIST digits the
 * converter validated with), PSI in the API and in /metrics, browser reports checked and kept apart.
 */
class DriftApiTest {
    private static final String MNIST_DRIFT = "/api/v1/models/mnist-cnn/drift";
    private static final String REPORTS = MNIST_DRIFT + "/reports";

    private static JsonNode source(RunningServer server, String model, String source) {
        HttpResponse<String> r = server.get("/api/v1/models/" + model + "/drift");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("sources").path(source);
    }

    @Test
    void theDigitsTheBundleWasValidatedWithDoNotDrift() {
        try (RunningServer server = RunningServer.withTestModels()) {
            assertThat(source(server, "mnist-cnn", "server").path("verdict").asText()).isEqualTo("no-data");
            for (MnistHead d : MnistHead.load()) {
                assertThat(server.postJson("/api/v1/models/mnist-cnn/predict", imageInput(d.image())).statusCode()).isEqualTo(200);
            }
            JsonNode s = source(server, "mnist-cnn", "server");
            assertThat(s.path("samples").asLong()).isEqualTo(62);
            // The same tensors as the reference: the same counts, PSI 0.
            assertThat(s.path("score").asDouble()).isEqualTo(0.0);
            assertThat(s.path("verdict").asText()).isEqualTo("stable");
            for (JsonNode f : s.path("features")) {
                assertThat(f.path("live").toString()).as(f.path("name").asText())
                        .isEqualTo(f.path("reference").toString().replace(",", ".0,").replace("]", ".0]"));
            }
            assertThat(source(server, "mnist-cnn", "browser").path("verdict").asText()).isEqualTo("no-data");
        }
    }

    @Test
    void boldBlobsInsteadOfDigitsDriftSignificantlyInTheApiAndTheMetrics() {
        try (RunningServer server = RunningServer.withTestModels()) {
            for (int i = 0; i < 40; i++) {
                // a filled square: after cropping and scaling, the whole 20×20 box is ink
                assertThat(server.postJson("/api/v1/models/mnist-cnn/predict?cache=false", imageInput(square(10 + i % 5))).statusCode())
                        .isEqualTo(200);
            }
            JsonNode s = source(server, "mnist-cnn", "server");
            assertThat(s.path("samples").asLong()).isEqualTo(40);
            assertThat(s.path("score").asDouble()).isGreaterThan(0.25);
            assertThat(s.path("verdict").asText()).isEqualTo("significant");

            String metrics = server.get("/metrics").body();
            double inkPsi = gauge(metrics, "tandem_drift_psi{feature=\"inkShare\",model=\"mnist-cnn\",source=\"server\",version=\"1.0.0\"}");
            assertThat(inkPsi).isGreaterThan(0.25);
            assertThat(gauge(metrics, "tandem_drift_score{model=\"mnist-cnn\",source=\"server\",version=\"1.0.0\"}"))
                    .isEqualTo(s.path("score").asDouble(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(gauge(metrics, "tandem_drift_samples{model=\"mnist-cnn\",source=\"server\",version=\"1.0.0\"}")).isEqualTo(40);
            // Nothing from browsers yet: no value, not a reassuring 0.
            assertThat(gauge(metrics, "tandem_drift_score{model=\"mnist-cnn\",source=\"browser\",version=\"1.0.0\"}")).isNaN();
            assertThat(metrics).contains("tandem_drift_psi{feature=\"truncated\",model=\"minilm-l6-v2\",source=\"server\",version=\"1.0.0\"}");
        }
    }

    @Test
    void longTextsShowAsTruncationDrift() {
        try (RunningServer server = RunningServer.withTestModels()) {
            String words = String.join(" ", java.util.Collections.nCopies(150, "word"));
            for (int i = 0; i < 30; i++) {
                assertThat(server.postJson("/api/v1/models/minilm-l6-v2/predict", Map.of("input", i + " " + words)).statusCode()).isEqualTo(200);
            }
            JsonNode s = source(server, "minilm-l6-v2", "server");
            JsonNode truncated = feature(s, "truncated");
            assertThat(truncated.path("live").toString()).isEqualTo("[0.0,30.0]");
            assertThat(truncated.path("psi").asDouble()).isGreaterThan(1);
            assertThat(s.path("verdict").asText()).isEqualTo("significant");
        }
    }

    @Test
    void browserReportsAreCheckedAndCountedApart() {
        try (RunningServer server = RunningServer.withTestModels()) {
            ObjectNode report = referenceShapedReport(server, 20);
            HttpResponse<String> ok = server.postJson(REPORTS, report);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
            assertThat(json(ok).path("accepted").asLong()).isEqualTo(20);
            JsonNode browser = source(server, "mnist-cnn", "browser");
            assertThat(browser.path("samples").asLong()).isEqualTo(20);
            assertThat(browser.path("windowSamples").asDouble()).isEqualTo(20);
            assertThat(browser.path("verdict").asText()).isEqualTo("too-few-samples");
            assertThat(source(server, "mnist-cnn", "server").path("samples").asLong()).isZero();
            assertThat(server.get("/metrics").body())
                    .contains("tandem_drift_samples{model=\"mnist-cnn\",source=\"browser\",version=\"1.0.0\"} 20.0");

            ObjectNode wrongBins = report.deepCopy();
            ((ArrayNode) wrongBins.path("features").get(0).path("bins")).set(0, 0.5);
            assertError(server.postJson(REPORTS, wrongBins), 400, "do not match the reference");
            ObjectNode badSum = report.deepCopy();
            ((ArrayNode) badSum.path("features").get(1).path("counts")).set(0, 99);
            assertError(server.postJson(REPORTS, badSum), 400, "add up to");
            ObjectNode negative = report.deepCopy();
            ((ArrayNode) negative.path("features").get(1).path("counts")).set(0, -1);
            assertError(server.postJson(REPORTS, negative), 400, "whole numbers");
            ObjectNode tooMany = report.deepCopy().put("samples", 5000);
            assertError(server.postJson(REPORTS, tooMany), 400, "between 1 and 1000");
            ObjectNode missing = report.deepCopy();
            ((ArrayNode) missing.path("features")).remove(2);
            assertError(server.postJson(REPORTS, missing), 400, "missing from the report");
            ObjectNode withInput = report.deepCopy();
            ((ObjectNode) withInput.path("features").get(0)).put("name", "input");
            assertError(server.postJson(REPORTS, withInput), 400, "unknown feature 'input'");
            assertError(server.postJson(REPORTS, report.deepCopy().put("modelVersion", "0.9")), 409, "tracks version 1.0.0");
            assertError(server.post(REPORTS, "application/json", "{not json".getBytes()), 400, "not valid JSON");
            assertError(server.postJson("/api/v1/models/nope/drift/reports", report), 404, "no model 'nope'");
            // the refused reports changed nothing
            assertThat(source(server, "mnist-cnn", "browser").path("samples").asLong()).isEqualTo(20);
        }
    }

    @Test
    void oneSenderHoldsATenthOfTheBrowserWindowAndGivesNoVerdictAlone() {
        try (RunningServer server = RunningServer.withTestModels()) {
            HttpResponse<String> first = server.postJson(REPORTS, referenceShapedReport(server, 1000));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(json(first).path("accepted").asLong()).isEqualTo(1000);
            assertThat(json(first).path("counted").asDouble()).isEqualTo(100.0);
            HttpResponse<String> again = server.postJson(REPORTS, referenceShapedReport(server, 500));
            assertThat(json(again).path("counted").asDouble()).isZero();
            JsonNode browser = source(server, "mnist-cnn", "browser");
            assertThat(browser.path("windowSamples").asDouble()).isEqualTo(100.0);
            assertThat(browser.path("clients").asInt()).isEqualTo(1);
            // every count in one bin is far from the reference, yet one sender does not make a verdict
            assertThat(browser.path("score").asDouble()).isGreaterThan(0.25);
            assertThat(browser.path("verdict").asText()).isEqualTo("too-few-clients");
            assertThat(source(server, "mnist-cnn", "server").path("verdict").asText()).isEqualTo("no-data");
        }
    }

    @Test
    void reportsAreRateLimitedAndNeedTheKeyLikePredict() {
        ServerConfig config = ServerConfig.forModels(TestModels.dir()).withAccess(new ServerConfig.Access(
                Set.of("k"), ServerConfig.RateLimit.off(), ServerConfig.RateLimit.perMinute(2)));
        try (RunningServer server = new RunningServer(config)) {
            ObjectNode report = referenceShapedReport(server, 5);
            assertThat(server.postJson(REPORTS, report).statusCode()).isEqualTo(401);
            byte[] body = report.toString().getBytes();
            var withKey = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(REPORTS)))
                    .header("Content-Type", "application/json").header("X-API-Key", "k")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
            assertThat(server.send(withKey).statusCode()).isEqualTo(202);
            HttpResponse<String> limited = server.send(withKey);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            // Reading drift stays public, like the model list.
            assertThat(server.get(MNIST_DRIFT).statusCode()).isEqualTo(200);
        }
    }

    /** A valid report of {@code n} inputs: the reference's bins, all counts in the first bin. */
    private static ObjectNode referenceShapedReport(RunningServer server, int n) {
        ObjectNode report = DriftReportBodies.referenceShaped(json(server.get(MNIST_DRIFT)), n);
        assertThat(report.path("features")).hasSize(3);
        return report;
    }

    private static JsonNode feature(JsonNode source, String name) {
        for (JsonNode f : source.path("features")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + source);
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).path("message").asText()).contains(message);
    }

    private static double gauge(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in /metrics"));
    }

    /** White paper with a black filled square of the given side in the middle. */
    private static RgbaImage square(int side) {
        int size = 28;
        byte[] rgba = new byte[size * size * 4];
        Arrays.fill(rgba, (byte) 255);
        int from = (size - side) / 2;
        for (int y = from; y < from + side; y++) {
            for (int x = from; x < from + side; x++) {
                int i = (y * size + x) * 4;
                rgba[i] = 0;
                rgba[i + 1] = 0;
                rgba[i + 2] = 0;
            }
        }
        return new RgbaImage(size, size, rgba);
    }

}
