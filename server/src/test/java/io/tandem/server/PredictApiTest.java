package io.tandem.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.pipeline.image.RgbaImage;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.tandem.server.RunningServer.imageInput;
import static io.tandem.server.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PredictApiTest extends DefaultServerTest {
    @Test
    void listsBothDemoModels() {
        JsonNode body = json(server.get("/api/v1/models"));
        assertThat(body.get("models").findValuesAsText("id")).contains("mnist-cnn", "minilm-l6-v2");
        assertThat(json(server.get("/api/v1/models/mnist-cnn")).get("task").asText()).isEqualTo("image-classification");
    }

    @Test
    void classifiesRealMnistDigitsOnTheServer() {
        List<MnistHead> digits = MnistHead.load();
        int correct = 0;
        for (MnistHead d : digits) {
            HttpResponse<String> r = server.postJson("/api/v1/models/mnist-cnn/predict", imageInput(d.image()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.get("device").asText()).isEqualTo("server");
            assertThat(body.get("modelVersion").asText()).isEqualTo("1.0.0");
            JsonNode output = body.get("output");
            assertThat(output).hasSize(10);
            double sum = 0;
            for (JsonNode s : output) {
                sum += s.get("score").asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
            assertThat(output.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(output.get(1).get("score").asDouble());
            if (output.get(0).get("label").asText().equals(d.label())) {
                correct++;
            }
        }
        assertThat(digits).hasSize(62);
        assertThat(correct).as("correct of %d", digits.size()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void acceptsAPngUploadOfADrawnDigit() throws IOException {
        BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(100, 30, 100, 170);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        HttpResponse<String> r = server.post("/api/v1/models/mnist-cnn/predict", "image/png", png.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("output").get(0).get("label").asText()).isEqualTo("1");
    }

    @Test
    void embedsTextAsAUnitVectorThatKnowsMeaning() {
        float[] cat = embed("A cat sits on the mat.");
        float[] kitten = embed("A kitten is sitting on a rug.");
        float[] stocks = embed("Stock markets fell sharply on Tuesday.");
        assertThat(cat).hasSize(384);
        assertThat(dot(cat, cat)).isCloseTo(1.0, within(1e-5));
        assertThat(dot(cat, kitten)).isGreaterThan(dot(cat, stocks) + 0.2);
    }

    @Test
    void embedsEmptyAndVeryLongText() {
        assertThat(embed("")).hasSize(384);
        assertThat(embed("word ".repeat(5000))).hasSize(384);
    }

    private static float[] embed(String text) {
        HttpResponse<String> r = server.postJson("/api/v1/models/minilm-l6-v2/predict", Map.of("input", text));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = json(r).get("output");
        float[] v = new float[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) out.get(i).asDouble();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void rejectsBadRequestsWithJsonErrors() {
        assertError(server.postJson("/api/v1/models/nope/predict", Map.of("input", "x")), 404, "not_found", "no model 'nope'");
        assertError(server.post("/api/v1/models/minilm-l6-v2/predict", "application/json", "{oops".getBytes(StandardCharsets.UTF_8)),
                400, "bad_request", "not valid JSON");
        assertError(server.postJson("/api/v1/models/minilm-l6-v2/predict", Map.of("text", "x")), 400, "bad_request", "'input' field");
        assertError(server.postJson("/api/v1/models/minilm-l6-v2/predict", Map.of("input", 5)), 400, "bad_request", "must be a string");
        assertError(server.postJson("/api/v1/models/mnist-cnn/predict", Map.of("input", "seven")), 400, "bad_request", "takes an image input");
        assertError(server.postJson("/api/v1/models/mnist-cnn/predict", Map.of("input", Map.of("width", 2, "height", 2, "data", "AAAA"))),
                400, "bad_request", "needs 16 bytes, got 3");
        assertError(server.postJson("/api/v1/models/mnist-cnn/predict", Map.of("input", Map.of("width", 2, "height", 2, "data", "!!"))),
                400, "bad_request", "not valid base64");
        assertError(server.post("/api/v1/models/mnist-cnn/predict", "image/png", "not a png".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type", "not a PNG or JPEG");
        assertError(server.post("/api/v1/models/mnist-cnn/predict", "text/plain", "x".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type", "send application/json");
        assertError(server.get("/api/v1/nothing"), 404, "not_found", "/api/v1/nothing");
    }

    @Test
    void refusesOversizedBodies() {
        byte[] big = new byte[(int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES + 1024];
        HttpResponse<String> r = server.post("/api/v1/models/mnist-cnn/predict", "image/png", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).isEqualTo("payload_too_large");
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).contains(messagePart);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
