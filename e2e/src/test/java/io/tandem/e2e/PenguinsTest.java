package io.tandem.e2e;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.LabelScore;
import io.tandem.pipeline.tabular.CategoricalFeature;
import io.tandem.pipeline.tabular.FeatureEncoder;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.ComposedPipeline;
import io.tandem.pipeline.task.builtin.ClassScores;
import io.tandem.pipeline.task.builtin.TabularInput;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The penguins bundle (Tribuo logistic regression, tabular preprocessing) on every path: the
 * browser (TeaVM pipeline + ORT Web WASM), the server (HTTP), and the JVM pipeline with
 * onnxruntime Java called here directly. Same vectors bit for bit, same ranking, probabilities
 * within 1e-5, on every record of the data set; and the demo page predicts from its form.
 */
class PenguinsTest extends ServerAndBrowserTest {
    private static final double TOLERANCE = 1e-5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ComposedPipeline jvm;
    private static Manifest manifest;

    @BeforeAll
    static void openStartPageAndReadTheBundle() throws IOException {
        driver.get(server.url("/"));
        manifest = Manifest.parse(Files.readString(E2eServer.modelsDir().resolve("penguins/manifest.json")));
        jvm = (ComposedPipeline) JvmPipelines.forModel("penguins");
    }


    /** A data record as callers send it: the train spec's wire names, the file's values. */
    record Penguin(String species, Map<String, Object> features) {
    }

    /**
     * Every record of penguins.json with a species, under the wire names of the bundle's train
     * spec, except those with a category the model refuses (one sex ".").
     */
    @SuppressWarnings("unchecked")
    static List<Penguin> penguins() throws IOException {
        Path models = E2eServer.modelsDir();
        Path data = models.resolve("node_modules/vega-datasets/data/penguins.json");
        JsonObject spec = JsonObject.parse(Files.readString(models.resolve("penguins/train.json")), "train.json");
        List<Object> rows = (List<Object>) Json.parse(Files.readString(data));
        List<Penguin> out = new ArrayList<>();
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            Map<String, Object> features = new LinkedHashMap<>();
            for (JsonObject f : spec.objects("features")) {
                features.put(f.string("name"), row.get(f.string("column")));
            }
            if (row.get(spec.string("target")) != null && knownCategories(features)) {
                out.add(new Penguin((String) row.get(spec.string("target")), features));
            }
        }
        return out;
    }

    private static boolean knownCategories(Map<String, Object> features) {
        for (FeatureEncoder f : ((TabularInput) jvm.preprocessor()).encoder().features()) {
            Object v = features.get(f.name());
            if (f instanceof CategoricalFeature c && v != null && !c.categories().contains(v)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void browserServerAndJvmAgreeOnEveryRecord() throws Exception {
        List<Penguin> penguins = penguins();
        assertThat(penguins).hasSizeGreaterThan(300);
        List<Object> inputs = new ArrayList<>();
        penguins.forEach(p -> inputs.add(p.features()));

        List<Map<String, Map<String, Object>>> prepared = prepareAll(inputs);
        List<Map<String, Object>> browser = predictAll(inputs);
        byte[] model = Files.readAllBytes(E2eServer.modelsDir().resolve("penguins/model.onnx"));
        double maxDiff = 0;
        int right = 0;
        long values = 0;
        // The process's one environment (the in-process server shares it): not ours to close.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            for (int i = 0; i < penguins.size(); i++) {
                String what = "record #" + i + " " + penguins.get(i).features();
                Prepared feeds = jvm.preprocess(ModelInput.features(penguins.get(i).features()));
                float[] vector = feeds.feed("input").floats();
                values += assertSameBits(what, vector, prepared.get(i).get("input"));

                List<LabelScore> local = LabelScore.ranked(manifest.labels(),
                        ((ClassScores) jvm.postprocessor()).probabilities(runOrt(env, session, vector)));
                List<?> inBrowser = (List<?>) browser.get(i).get("output");
                assertThat(browser.get(i).get("device")).isEqualTo("wasm");
                JsonNode onServer = serverPredict(penguins.get(i).features()).get("output");
                assertThat(inBrowser).as(what).hasSize(local.size());
                assertThat(onServer.size()).as(what).isEqualTo(local.size());
                for (int k = 0; k < local.size(); k++) {
                    Map<?, ?> b = (Map<?, ?>) inBrowser.get(k);
                    JsonNode s = onServer.get(k);
                    assertThat(b.get("label")).as(what + " browser rank " + k).isEqualTo(local.get(k).label());
                    assertThat(s.get("label").asText()).as(what + " server rank " + k).isEqualTo(local.get(k).label());
                    double bScore = ((Number) b.get("score")).doubleValue();
                    double sScore = s.get("score").asDouble();
                    maxDiff = Math.max(maxDiff, Math.max(Math.abs(bScore - local.get(k).score()), Math.abs(sScore - local.get(k).score())));
                }
                right += local.get(0).label().equals(penguins.get(i).species()) ? 1 : 0;
            }
        }
        Report.line(String.format("penguins: %d records; browser (wasm), server and JVM agree on every ranking, max |probability difference| %.2e; "
                + "feature vectors %d float32 values, 0 differing bits; accuracy on all records %.2f%%",
                penguins.size(), maxDiff, values, 100.0 * right / penguins.size()));
        assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
        assertThat((double) right / penguins.size()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void browserAndServerRefuseAnUnknownCategoryAlike() throws Exception {
        Map<String, Object> record = new HashMap<>();
        record.put("island", "Atlantis");
        Object browser = tandem.run("""
                const [record, done] = arguments;
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('penguins', { device: 'wasm' });
                  try { await m.predict(record); return 'predicted'; } catch (e) { return e.message; }
                })().then(done, e => tandemFail(done, e));
                """, record);
        HttpResponse<String> r = post(Map.of("input", record));
        assertThat(r.statusCode()).isEqualTo(400);
        String serverMessage = JSON.readTree(r.body()).get("message").asText();
        assertThat(serverMessage).isEqualTo("feature 'island': unknown category 'Atlantis' (known: Biscoe, Dream, Torgersen)");
        assertThat((String) browser).contains(serverMessage);
    }

    @Test
    void theDemoPagePredictsFromItsForm() {
        driver.get(server.url("/penguins.html?device=wasm"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        wait.until(d -> {
            String status = d.findElement(By.id("status")).getText().trim();
            if ("error".equals(status)) {
                throw new AssertionError("page reports an error: " + d.findElement(By.id("error")).getText());
            }
            return "ready".equals(status) && !d.findElement(By.id("result")).getAttribute("data-label").isEmpty();
        });
        assertThat(driver.findElement(By.id("result")).getAttribute("data-label")).isEqualTo("Adelie");
        assertThat(driver.findElement(By.id("ran-on")).getText().trim()).isEqualTo("wasm");
        assertThat(driver.findElements(By.cssSelector("#bars li"))).hasSize(3);

        // A Gentoo (Biscoe, 46.1 / 13.2 mm, 211 mm, 4500 g, female), with sex then left blank.
        new Select(driver.findElement(By.id("island"))).selectByValue("Biscoe");
        type("bill_length_mm", "46.1");
        type("bill_depth_mm", "13.2");
        type("flipper_length_mm", "211");
        type("body_mass_g", "4500");
        new Select(driver.findElement(By.id("sex"))).selectByValue("");
        driver.findElement(By.id("predict")).click();
        wait.until(d -> "Gentoo".equals(d.findElement(By.id("result")).getAttribute("data-label")));
        double score = Double.parseDouble(driver.findElement(By.id("bar-Gentoo")).getAttribute("data-score"));
        assertThat(score).isGreaterThan(0.5);
        assertThat(driver.findElement(By.id("error")).getText()).isEmpty();
    }

    @Test
    void theDemoPageRefusesImpossibleMeasurementsAndWarnsOutsideTheTrainingData() {
        driver.get(server.url("/penguins.html?device=wasm"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        wait.until(d -> "Adelie".equals(d.findElement(By.id("result")).getAttribute("data-label")));
        assertThat(driver.findElement(By.id("caution")).getAttribute("data-verdict")).isEqualTo("ok");

        // A negative mass: refused beside the field, no prediction shown.
        type("body_mass_g", "-5");
        wait.until(d -> "refused".equals(d.findElement(By.id("caution")).getAttribute("data-verdict")));
        assertThat(driver.findElement(By.id("body_mass_g-message")).getText()).isEqualTo("Body mass must be more than 0 g.");
        assertThat(driver.findElement(By.id("body_mass_g")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("result")).getAttribute("data-label")).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#bars li"))).isEmpty();

        // A possible mass again, and a flipper of 99,999 mm: predicted, but warned about.
        type("body_mass_g", "3750");
        type("flipper_length_mm", "99999");
        wait.until(d -> "unusual".equals(d.findElement(By.id("caution")).getAttribute("data-verdict")));
        assertThat(driver.findElement(By.id("body_mass_g-message")).getText()).isEmpty();
        assertThat(driver.findElement(By.id("flipper_length_mm-message")).getText())
                .startsWith("99,999 mm is far outside what the model was trained on (most training examples: ");
        assertThat(driver.findElement(By.id("caution")).getText()).contains("Outside the training data: flipper length");
        assertThat(driver.findElement(By.id("result")).getAttribute("data-label")).isNotEmpty();

        // Back in range: no message, no caution.
        type("flipper_length_mm", "181");
        wait.until(d -> "ok".equals(d.findElement(By.id("caution")).getAttribute("data-verdict")));
        assertThat(driver.findElement(By.id("flipper_length_mm-message")).getText()).isEmpty();
        assertThat(driver.findElement(By.id("result")).getAttribute("data-label")).isEqualTo("Adelie");
    }

    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Map<String, Object>>> prepareAll(List<Object> inputs) {
        return (List<Map<String, Map<String, Object>>>) tandem.run("""
                const [inputs, done] = arguments;
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('penguins', { device: 'wasm' });
                  const out = [];
                  for (const input of inputs) {
                    const feeds = await m.prepare(input);
                    const plain = {};
                    for (const name of Object.keys(feeds)) plain[name] = tandemBits(feeds[name]);
                    out.push(plain);
                  }
                  return out;
                })().then(done, e => tandemFail(done, e));
                """, inputs);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> predictAll(List<Object> inputs) {
        return (List<Map<String, Object>>) tandem.run("""
                const [inputs, done] = arguments;
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('penguins', { device: 'wasm' });
                  const out = [];
                  for (const input of inputs) out.push(await m.predict(input));
                  return out;
                })().then(done, e => tandemFail(done, e));
                """, inputs);
    }

    private static long assertSameBits(String what, float[] expected, Map<String, Object> actual) {
        assertThat(actual).as(what + ": browser tensor").isNotNull();
        assertThat(actual.get("dtype")).as(what).isEqualTo("float32");
        assertThat(((List<?>) actual.get("dims")).stream().map(d -> ((Number) d).intValue()).toList())
                .as(what).containsExactly(1, expected.length);
        List<?> bits = (List<?>) actual.get("values");
        for (int k = 0; k < expected.length; k++) {
            long got = ((Number) bits.get(k)).longValue();
            long want = Integer.toUnsignedLong(Float.floatToRawIntBits(expected[k]));
            if (got != want) {
                throw new AssertionError(what + ": input[" + k + "] differs: browser " + Float.intBitsToFloat((int) got)
                        + " (bits " + Long.toHexString(got) + "), JVM " + expected[k] + " (bits " + Long.toHexString(want) + ")");
            }
        }
        return expected.length;
    }

    private static Map<String, Tensor> runOrt(OrtEnvironment env, OrtSession session, float[] vector) throws OrtException {
        String input = manifest.inputs().get(0).name();
        String output = manifest.outputs().get(0).name();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(vector), new long[] {1, vector.length});
             OrtSession.Result result = session.run(Map.of(input, t))) {
            float[][] scores = (float[][]) result.get(output).orElseThrow().getValue();
            return Map.of(output, Tensor.ofFloats(new int[] {1, scores[0].length}, scores[0]));
        }
    }

    private static JsonNode serverPredict(Map<String, Object> features) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("input", features);
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.get("device").asText()).isEqualTo("server");
        return json;
    }

    private static HttpResponse<String> post(Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/penguins/predict")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
