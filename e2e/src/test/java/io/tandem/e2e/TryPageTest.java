package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The generated demo page, /try.html?model=id, and the home page's list of every bundle. For each
 * demo bundle the page is given an input as a person would (a PNG file and a drawing, a typed
 * text, a filled-in form), runs it in the browser (wasm) and on the server, and must show what
 * {@code POST /api/v1/models/{id}/predict} answers for the same input: the same top label and score
 * to four decimals, the same embedding. A bundle whose title, labels, feature name and category
 * are markup is shown as text, and every page works under the Content-Security-Policy.
 */
class TryPageTest extends ServerAndBrowserTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void recordPolicyViolations() {
        // Injected by DevTools before any page script (outside the page's policy), on every document.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    @AfterEach
    void thePageNeededNoPolicyViolationAndMadeNoImage() {
        assertThat(driver.executeScript("return window.__cspViolations")).as("policy violations on " + driver.getCurrentUrl())
                .asList().isEmpty();
        assertThat(driver.executeScript("return document.querySelectorAll('img').length")).as("img elements").isEqualTo(0L);
    }

    @Test
    void theHomePageListsEveryBundleWithATryLinkAndKeepsTheDemos() throws Exception {
        JsonNode listing = getJson(server.url("/api/v1/models"));
        driver.get(server.url("/"));
        waitFor(d -> !"".equals(attr(By.tagName("body"), "data-models")));
        assertThat(attr(By.tagName("body"), "data-models")).as(text("models-status")).isEqualTo("listed");
        List<WebElement> cards = driver.findElements(By.cssSelector("#models li.model-card:not(.broken)"));
        assertThat(cards).hasSize(listing.get("models").size());
        Map<String, String> demos = Map.of("mnist-cnn", "/digits.html", "minilm-l6-v2", "/search.html", "penguins", "/penguins.html");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            JsonNode m = listing.get("models").get(i);
            WebElement card = cards.get(i);
            String id = m.get("id").asText();
            ids.add(id);
            assertThat(card.getAttribute("data-model")).isEqualTo(id);
            assertThat(card.findElement(By.cssSelector("h3")).getText()).isEqualTo(m.get("title").asText());
            assertThat(card.findElement(By.cssSelector("[data-field=task]")).getText()).isEqualTo(m.get("task").asText());
            assertThat(card.findElement(By.cssSelector("[data-field=input]")).getText()).isEqualTo(m.get("input").asText());
            assertThat(card.findElement(By.cssSelector("[data-field=variants]")).getText()).contains(m.get("variants").get(0).get("name").asText());
            assertThat(card.findElement(By.cssSelector("a.try")).getAttribute("href")).isEqualTo(server.url("/try.html?model=" + id));
            if (demos.containsKey(id)) {
                assertThat(card.findElement(By.cssSelector("a.demo")).getAttribute("href")).isEqualTo(server.url(demos.get(id)));
            }
        }
        assertThat(ids).contains("mnist-cnn", "minilm-l6-v2", "penguins");
        int broken = listing.has("broken") ? listing.get("broken").size() : 0;
        assertThat(driver.findElements(By.cssSelector("#models li.broken"))).hasSize(broken);
        // The hand-written demo cards are still there.
        for (String page : demos.values()) {
            assertThat(driver.findElements(By.cssSelector(".cards section.card a[href='" + page + "']"))).as(page).isNotEmpty();
        }
    }

    @Test
    void anUploadedDigitGivesTheApisAnswerInTheBrowserAndOnTheServer() throws Exception {
        byte[] png = digitPng();
        Path file = Files.createTempDirectory("tandem-try-").resolve("digit.png");
        Files.write(file, png);
        JsonNode api = postPredict("mnist-cnn", png, "image/png");
        // wasm runs fp32 here, the variant the server runs, so the scores agree to four decimals.
        for (String device : List.of("wasm", "server")) {
            openReady("/try.html?model=mnist-cnn&device=" + device + ("wasm".equals(device) ? "&variant=fp32" : ""));
            int before = run();
            driver.findElement(By.id("image-file")).sendKeys(file.toAbsolutePath().toString());
            waitForRun(before);
            assertThat(attr(By.id("result"), "data-input")).isEqualTo("digit.png (28 × 28 px)");
            assertSameScores(api, device + ", uploaded PNG");
            assertThat(driver.findElements(By.cssSelector("#bars li"))).hasSize(10);
            assertFacts(device, "fp32", api);
            screenshot("try-mnist-cnn-" + device);
        }
    }

    @Test
    void aDrawnDigitGivesTheApisAnswerForTheSamePixels() throws Exception {
        openReady("/try.html?model=mnist-cnn&device=wasm&variant=fp32");
        int before = run();
        WebElement canvas = driver.findElement(By.id("draw-canvas"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        new Actions(driver).moveToElement(canvas, -40, -90).clickAndHold().moveByOffset(80, 0).moveByOffset(-50, 90)
                .moveByOffset(-20, 90).release().perform();
        waitForRun(before);
        String rgba = (String) driver.executeScript("""
                const c = document.getElementById('draw-canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let s = '';
                for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode.apply(null, d.subarray(i, i + 8192));
                return btoa(s);
                """);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("input").put("width", 280).put("height", 280).put("data", rgba);
        JsonNode api = postPredict("mnist-cnn", JSON.writeValueAsBytes(body), "application/json");
        assertThat(attr(By.id("result"), "data-input")).isEqualTo("drawing (280 × 280 px)");
        assertSameScores(api, "wasm, drawing");
        assertFacts("wasm", "fp32", api);
    }

    @Test
    void aTypedTextGivesTheApisEmbeddingAndTheCompareBoxItsCosine() throws Exception {
        String text = "Tandem runs the same model in the browser and on the server.";
        JsonNode api = postPredict("minilm-l6-v2", JSON.writeValueAsBytes(Map.of("input", text)), "application/json");
        double[] expected = doubles(api.get("output"));
        assertThat(expected).hasSize(384);

        // wasm on fp32 against the server's fp32-fused (the same weights in fused kernels).
        openReady("/try.html?model=minilm-l6-v2&device=wasm&variant=fp32");
        double[] shown = predictText(text);
        assertThat(cosine(shown, expected)).isGreaterThanOrEqualTo(0.9999);
        for (int i = 0; i < shown.length; i++) {
            assertThat(shown[i]).as("value %d", i).isCloseTo(expected[i], within(1e-4));
        }
        assertEmbeddingFacts(expected);
        assertFacts("wasm", "fp32", api);

        // The compare box: the cosine of two texts' embeddings, as the API's embeddings give it.
        String a = "A cat sits on the mat.";
        String b = "The stock market fell sharply today.";
        type("compare-a", a);
        type("compare-b", b);
        driver.findElement(By.id("compare")).click();
        waitFor(d -> !attr(By.id("cosine"), "data-value").isEmpty());
        double apiCosine = cosine(doubles(postPredict("minilm-l6-v2", JSON.writeValueAsBytes(Map.of("input", a)), "application/json").get("output")),
                doubles(postPredict("minilm-l6-v2", JSON.writeValueAsBytes(Map.of("input", b)), "application/json").get("output")));
        assertThat(Double.parseDouble(attr(By.id("cosine"), "data-value"))).isCloseTo(apiCosine, within(1e-4));
        screenshot("try-minilm-l6-v2-wasm");

        // On the server the page shows the API's numbers themselves.
        openReady("/try.html?model=minilm-l6-v2&device=server");
        shown = predictText(text);
        for (int i = 0; i < shown.length; i++) {
            assertThat(fixed4(shown[i])).as("value %d", i).isEqualTo(fixed4(expected[i]));
            assertThat(shown[i]).isCloseTo(expected[i], within(1e-6));
        }
        assertEmbeddingFacts(expected);
        assertFacts("server", api.get("variant").asText(), api);
    }

    @Test
    void aFilledInFormGivesTheApisAnswerInTheBrowserAndOnTheServer() throws Exception {
        openReady("/try.html?model=penguins&device=wasm");
        assertThat(driver.findElement(By.cssSelector("[data-feature=bill_length_mm]")).getAttribute("placeholder")).isEqualTo("43.8369");
        // Between an Adelie and a Chinstrap (0.70 and 0.29), island and sex left blank (missing).
        type(By.cssSelector("[data-feature=bill_length_mm]"), "44");
        type(By.cssSelector("[data-feature=bill_depth_mm]"), "18.5");
        type(By.cssSelector("[data-feature=flipper_length_mm]"), "192");
        type(By.cssSelector("[data-feature=body_mass_g]"), "3700");
        new Select(driver.findElement(By.cssSelector("[data-feature=sex]"))).selectByVisibleText("MALE");
        new Select(driver.findElement(By.cssSelector("[data-feature=sex]"))).selectByValue("");
        JsonNode record = JSON.readTree("""
                {"island": null, "bill_length_mm": 44, "bill_depth_mm": 18.5, "flipper_length_mm": 192,
                 "body_mass_g": 3700, "sex": null}""");
        driver.findElement(By.id("predict")).click();
        waitFor(d -> record.equals(readJson(attr(By.id("result"), "data-input"))));
        // The record the page predicted from, sent to the API as it is.
        ObjectNode body = JSON.createObjectNode();
        body.set("input", readJson(attr(By.id("result"), "data-input")));
        JsonNode api = postPredict("penguins", JSON.writeValueAsBytes(body), "application/json");
        assertThat(api.get("output").get(0).get("score").asDouble()).isLessThan(0.9);
        waitFor(d -> !text("ran-on").equals("—"));
        assertSameScores(api, "wasm, form");
        assertThat(driver.findElements(By.cssSelector("#bars li"))).hasSize(3);
        assertFacts("wasm", "fp32", api);
        screenshot("try-penguins-wasm");

        // Switching to the server predicts the same form again there.
        int before = run();
        new Select(driver.findElement(By.id("device-select"))).selectByValue("server");
        DemoPage.waitForStatus(driver, "ready");
        waitForRun(before);
        assertThat(readJson(attr(By.id("result"), "data-input"))).isEqualTo(record);
        assertSameScores(api, "server, form");
        assertFacts("server", "fp32", api);
    }

    @Test
    void aBundleWhoseTitleLabelsAndFeaturesAreMarkupIsShownAsText() throws Exception {
        Path models = Files.createTempDirectory("tandem-hostile-");
        Path bundle = Files.createDirectories(models.resolve("hostile"));
        Path penguins = E2eServer.modelsDir().resolve("penguins");
        Files.copy(penguins.resolve("model.onnx"), bundle.resolve("model.onnx"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(Files.readString(penguins.resolve("manifest.json")));
        manifest.put("id", "hostile");
        manifest.put("title", HOSTILE + " penguins");
        manifest.remove("reference");
        ((ArrayNode) manifest.get("labels")).set(0, HOSTILE);
        ObjectNode island = (ObjectNode) manifest.at("/preprocessing/features/0");
        ((ArrayNode) island.get("categories")).set(1, HOSTILE);
        ((ObjectNode) manifest.at("/preprocessing/features/1")).put("name", HOSTILE);
        Files.writeString(bundle.resolve("manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));

        try (E2eServer hostile = new E2eServer(models, 0)) {
            driver.get(hostile.url("/try.html?model=hostile&device=wasm"));
            DemoPage.waitForStatus(driver, "ready");
            assertThat(text("model-title")).isEqualTo(HOSTILE + " penguins");
            assertThat(driver.getTitle()).startsWith(HOSTILE);
            assertThat(driver.findElement(By.cssSelector("label[for=feature-1]")).getText()).isEqualTo(HOSTILE);
            Select category = new Select(driver.findElement(By.id("feature-0")));
            category.selectByVisibleText(HOSTILE);
            int before = run();
            driver.findElement(By.id("predict")).click();
            waitForRun(before);
            JsonNode sent = readJson(attr(By.id("result"), "data-input"));
            assertThat(sent.get("island").asText()).isEqualTo(HOSTILE);
            List<String> labels = new ArrayList<>();
            for (WebElement li : driver.findElements(By.cssSelector("#bars li .label"))) {
                labels.add(li.getText());
            }
            assertThat(labels).contains(HOSTILE);
            assertThat(text("error")).isEmpty();
            screenshot("try-hostile");
            thePageNeededNoPolicyViolationAndMadeNoImage();

            driver.get(hostile.url("/"));
            waitFor(d -> "listed".equals(attr(By.tagName("body"), "data-models")));
            assertThat(driver.findElement(By.cssSelector("#models li[data-model=hostile] h3")).getText()).isEqualTo(HOSTILE + " penguins");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theViewsShowCraftedResultsAndBrokenBundlesAsText() {
        driver.get(server.url("/try.html"));
        waitFor(d -> !driver.findElements(By.cssSelector("#choose-list a")).isEmpty());
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const [h, done] = arguments;
                (async () => {
                  const v = await import('/js/views.js');
                  const root = document.createElement('div');
                  document.body.append(root);
                  const text = 'Ada ' + h + ' in London';
                  root.append(v.renderSpans(text, [
                    { entity: h, score: 0.91, start: 4, end: 4 + h.length, text: h },
                    { entity: 'LOC', score: 0.88, start: text.length - 6, end: text.length, text: 'London' }]));
                  root.append(v.renderValues({ [h]: 1.5 }), v.renderScores([{ label: h, score: 0.75 }]), v.renderJson({ [h]: h }));
                  root.append(...v.renderCatalog({ models: [{ id: 'm', title: h, task: h, input: 'text',
                    variants: [{ name: h, precision: 'fp32', bytes: 10, devices: [h] }] }], broken: [{ id: 'b', reason: h }, 'c'] }, {}));
                  const form = v.featureForm([{ name: h, kind: 'categorical', categories: [h] }, { name: 'n', kind: 'numeric', mean: 2 }]);
                  root.append(form.element);
                  form.element.querySelector('select').value = '0';
                  return {
                    imgs: document.querySelectorAll('img').length,
                    marks: [...root.querySelectorAll('#spans-text mark')].map(m => m.firstChild.textContent),
                    legend: [...root.querySelectorAll('#legend li')].map(li => li.textContent),
                    value: root.querySelector('#values tbody th').textContent,
                    top: root.querySelector('#top-label').textContent,
                    title: root.querySelector('li.model-card h3').textContent,
                    broken: [...root.querySelectorAll('li.broken')].map(li => li.textContent),
                    record: form.read(),
                    errors: [v.describeError({ code: 'invalid_input', message: 'bad input' }), v.describeError({}),
                      v.describeError({ error: 'not_found', message: 'no model' }), v.describeError(new Error('boom')),
                      v.describeError({ code: 'network' }), v.describeError(null)],
                  };
                })().then(done, e => tandemFail(done, e));
                """, HOSTILE);
        assertThat(r.get("imgs")).isEqualTo(0L);
        assertThat((List<String>) r.get("marks")).containsExactly(HOSTILE, "London");
        assertThat((List<String>) r.get("legend")).containsExactly(HOSTILE + " (1)", "LOC (1)");
        assertThat(r.get("value")).isEqualTo(HOSTILE);
        assertThat(r.get("top")).isEqualTo(HOSTILE);
        assertThat(r.get("title")).isEqualTo(HOSTILE);
        assertThat((List<String>) r.get("broken")).containsExactly("bUnavailable: " + HOSTILE, "cUnavailable: unknown reason");
        assertThat((Map<String, Object>) r.get("record")).containsEntry(HOSTILE, HOSTILE).containsEntry("n", null);
        assertThat((List<String>) r.get("errors")).containsExactly("bad input (invalid_input)", "unknown error",
                "no model (not_found)", "boom", "network", "");
    }

    @Test
    void anUnknownModelSaysSoAndOffersTheOthers() {
        driver.get(server.url("/try.html?model=no-such-model"));
        waitFor(d -> "error".equals(text("status")));
        assertThat(text("error")).contains("no model 'no-such-model'").contains("not_found").doesNotContain("[object");
        waitFor(d -> !driver.findElements(By.cssSelector("#choose-list a")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#choose-list a[href='/try.html?model=penguins']")).getText())
                .isEqualTo("Penguin species (logistic regression)");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void openReady(String path) {
        driver.get(server.url(path));
        DemoPage.waitForStatus(driver, "ready");
    }

    private double[] predictText(String text) {
        type("text-input", text);
        int before = run();
        driver.findElement(By.id("predict")).click();
        waitForRun(before);
        assertThat(attr(By.id("result"), "data-kind")).isEqualTo("embedding");
        assertThat(attr(By.id("result"), "data-input")).isEqualTo(text);
        return doubles(readJson(driver.findElement(By.id("embedding-json")).getAttribute("textContent")));
    }

    private void assertEmbeddingFacts(double[] expected) {
        assertThat(text("embedding-dim")).isEqualTo("384");
        assertThat(text("embedding-norm")).isEqualTo(fixed4(Math.sqrt(dot(expected, expected))));
        List<WebElement> first = driver.findElements(By.cssSelector("#embedding-first li"));
        assertThat(first).hasSize(8);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Double.parseDouble(first.get(i).getAttribute("data-value"))).isCloseTo(expected[i], within(1e-4));
        }
    }

    /** The page's best label and its score to four decimals are the API's; the scores within 1e-5. */
    private static void assertSameScores(JsonNode api, String what) {
        JsonNode best = api.get("output").get(0);
        assertThat(attr(By.id("result"), "data-kind")).as(what).isEqualTo("scores");
        assertThat(attr(By.id("result"), "data-label")).as(what).isEqualTo(best.get("label").asText());
        assertThat(text("top-label")).as(what).isEqualTo(best.get("label").asText());
        assertThat(text("top-score")).as(what).isEqualTo(fixed4(best.get("score").asDouble()));
        assertThat(Double.parseDouble(attr(By.id("result"), "data-score"))).as(what).isCloseTo(best.get("score").asDouble(), within(1e-5));
        List<WebElement> bars = driver.findElements(By.cssSelector("#bars li"));
        for (int i = 0; i < bars.size(); i++) {
            JsonNode s = api.get("output").get(i);
            assertThat(bars.get(i).getAttribute("data-label")).as(what + " rank " + i).isEqualTo(s.get("label").asText());
            assertThat(bars.get(i).findElement(By.cssSelector(".pct")).getText()).as(what + " rank " + i).isEqualTo(fixed4(s.get("score").asDouble()));
        }
        Report.line("try page, " + what + ": " + best.get("label").asText() + " " + fixed4(best.get("score").asDouble()) + " as the API says");
    }

    private static void assertFacts(String device, String variant, JsonNode api) {
        assertThat(text("ran-on")).isEqualTo(device);
        assertThat(Double.parseDouble(text("ms"))).isPositive();
        assertThat(text("ran-variant")).isEqualTo(variant);
        assertThat(text("model-version")).isEqualTo(api.get("modelVersion").asText());
    }

    /** For people reviewing the page: what the test saw, in target/. */
    private static void screenshot(String name) throws IOException {
        Files.write(Path.of("target", name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private static int run() {
        return Integer.parseInt(attr(By.id("result"), "data-run"));
    }

    /** Waits for a result after the {@code before}-th; an error the page shows fails at once. */
    private static void waitForRun(int before) {
        waitFor(d -> {
            String error = text("error");
            if (!error.isEmpty()) {
                throw new AssertionError("the page shows an error: " + error);
            }
            return run() > before;
        });
    }

    private static void waitFor(Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    private static String attr(By by, String name) {
        String v = driver.findElement(by).getAttribute(name);
        return v == null ? "" : v;
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private static void type(String id, String value) {
        type(By.id(id), value);
    }

    private static void type(By by, String value) {
        WebElement e = driver.findElement(by);
        e.clear();
        e.sendKeys(value);
    }

    /** JavaScript's toFixed(4) for a non-negative number: the exact value, half up. */
    private static String fixed4(double v) {
        return new BigDecimal(v).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    private static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    /**
     * A one with a flag, which the model is not quite sure of (1 at 0.97, 7 at 0.02): black
     * antialiased strokes on white, 28×28, opaque RGB (no colour profile, so no colour conversion).
     */
    private static byte[] digitPng() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 28, 28);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(14, 5, 14, 23);
        g.drawLine(14, 5, 10, 9);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode postPredict(String model, byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + model + "/predict")))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.get("device").asText()).isEqualTo("server");
        return json;
    }
}
