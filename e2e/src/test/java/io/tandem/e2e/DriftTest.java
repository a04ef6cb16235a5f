package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift from the browser and on the dashboard: with {@code shareStats} on, the page sends only
 * histogram counts of its on-device predictions (never the text; every request is recorded by a
 * {@link RecordingProxy}), and the server's drift API counts them as browser samples; the
 * dashboard plots throughput and drift from /metrics while the server predicts. (With the option
 * off no request leaves the page: {@link LocalInferenceTest}.)
 */
class DriftTest extends ServerAndBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "minilm-l6-v2";
    private static final String REPORTS = "/api/v1/models/" + MODEL + "/drift/reports";

    private static RecordingProxy proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = new RecordingProxy(server.url(""));
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sharedStatisticsAreCountsOnlyAndTheServerCountsThemAsBrowserSamples() throws Exception {
        String secret = "confidential note about the kumquat merger 5521";
        driver.get(proxy.url("/index.html"));
        tandem.run("""
                const done = arguments[arguments.length - 1];
                import('/tandem.js').then(t => t.load('minilm-l6-v2', { device: 'wasm', shareStats: true, shareStatsEvery: 3 }))
                  .then(m => { self.shared = m; done(true); }, e => tandemFail(done, e));
                """);
        proxy.clearRequests();
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const [secret, done] = arguments;
                (async () => {
                  const devices = [];
                  for (const s of [secret, secret.toUpperCase(), 'kumquat ' + secret.repeat(30)]) devices.push((await self.shared.predict(s)).device);
                  const afterThree = self.shared.shareStats;
                  devices.push((await self.shared.predict(secret + ' once more')).device);
                  const beforeClose = self.shared.shareStats;
                  await self.shared.close();
                  return { devices, afterThree, beforeClose };
                })().then(done, e => tandemFail(done, e));
                """, secret);
        assertThat((List<String>) r.get("devices")).containsOnly("wasm");
        assertThat((Map<String, Object>) r.get("afterThree")).containsEntry("sent", 1L).containsEntry("pending", 0L).containsEntry("every", 3L);
        assertThat((Map<String, Object>) r.get("beforeClose")).containsEntry("sent", 1L).containsEntry("pending", 1L);

        List<RecordingProxy.Request> reports = awaitPosts(2);
        for (RecordingProxy.Request q : proxy.requests()) {
            assertThat(q.pathAndQuery()).doesNotContainIgnoringCase("kumquat");
            assertThat(q.body()).doesNotContainIgnoringCase("kumquat").doesNotContainIgnoringCase("merger");
            if (!q.method().equals("GET")) {
                assertThat(q.pathAndQuery()).isEqualTo(REPORTS);
            }
        }
        long reported = 0;
        for (RecordingProxy.Request q : reports) {
            JsonNode body = JSON.readTree(q.body());
            assertThat(fields(body)).containsExactly("modelVersion", "samples", "features");
            for (JsonNode f : body.get("features")) {
                assertThat(fields(f)).containsExactly("name", "bins", "counts");
                f.get("bins").forEach(b -> assertThat(b.isNumber()).isTrue());
                long sum = 0;
                for (JsonNode c : f.get("counts")) {
                    assertThat(c.isIntegralNumber()).isTrue();
                    sum += c.asLong();
                }
                assertThat(sum).isEqualTo(body.get("samples").asLong());
            }
            reported += body.get("samples").asLong();
        }
        assertThat(reported).isEqualTo(4);

        JsonNode browser = JSON.readTree(get("/api/v1/models/" + MODEL + "/drift")).path("sources").path("browser");
        assertThat(browser.path("samples").asLong()).isEqualTo(4);
        JsonNode truncated = feature(browser, "truncated");
        // one of the four texts (the secret repeated 30 times) filled the 128 tokens
        assertThat(truncated.path("live").toString()).isEqualTo("[3.0,1.0]");
        assertThat(browser.path("verdict").asText()).isEqualTo("too-few-samples");
        Report.line("drift: 4 on-device predictions with shareStats reached the server as " + reports.size()
                + " reports of counts only (" + reports.get(0).body().length() + " bytes each); no request carried the text");
    }

    @Test
    @SuppressWarnings("unchecked")
    void digitStatisticsFromTheBrowserUseTheReferenceBinsTheServerExpects() throws Exception {
        // The image path in TeaVM: pixel statistics, and decile edges such as 0.004683 read from the
        // manifest and written back into the report, accepted by the server's bin check.
        driver.get(server.url("/index.html"));
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', { device: 'wasm', shareStats: true, shareStatsEvery: 2 });
                  const img = { width: 28, height: 28, data: new Uint8Array(28 * 28 * 4).fill(255) };
                  for (let i = 0; i < 8; i++) img.data.fill(0, (300 + i * 28) * 4, (310 + i * 28) * 4);
                  await m.predict(img);
                  await m.predict(img);
                  return m.shareStats;
                })().then(done, e => tandemFail(done, e));
                """);
        assertThat(r).containsEntry("sent", 1L).containsEntry("pending", 0L);
        JsonNode browser = null;
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            browser = JSON.readTree(get("/api/v1/models/mnist-cnn/drift")).path("sources").path("browser");
            if (browser.path("samples").asLong() > 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(browser.path("samples").asLong()).as("the report was accepted").isEqualTo(2);
        assertThat(feature(browser, "inkShare").path("psi").isNumber()).isTrue();
    }

    @Test
    void theDashboardShowsThroughputAndDriftWhileTheServerPredicts() throws Exception {
        driver.get(server.url("/dashboard.html?every=300"));
        String throughput = "";
        String drift = "";
        long until = System.currentTimeMillis() + 30_000;
        int sent = 0;
        while (System.currentTimeMillis() < until) {
            for (int i = 0; i < 5; i++) {
                post("/api/v1/models/" + MODEL + "/predict", "{\"input\": \"dashboard sentence number " + sent++ + "\"}");
            }
            throughput = driver.findElement(By.id("throughput-" + MODEL)).getAttribute("data-value");
            drift = driver.findElement(By.id("drift-" + MODEL)).getAttribute("data-value");
            if (!throughput.isEmpty() && Double.parseDouble(throughput) > 0 && !drift.isEmpty()) {
                break;
            }
        }
        assertThat(driver.findElement(By.id("dash-status")).getText()).isEqualTo("live");
        assertThat(Double.parseDouble(throughput)).as("predictions/s on the dashboard").isGreaterThan(0);
        assertThat(Double.parseDouble(drift)).as("drift score on the dashboard").isGreaterThanOrEqualTo(0);
        assertThat(driver.findElement(By.id("p50-" + MODEL)).getAttribute("data-value")).isNotEmpty();
        // A handful of inputs: the PSI is shown, but no verdict is drawn from it yet.
        if (sent < 30) {
            assertThat(driver.findElement(By.id("drift-verdict-" + MODEL)).getText()).isEqualTo("too few samples");
        }
        // 40 short look-alike sentences: all in the reference's shortest decile (9.5% of it), a significant shift.
        while (sent < 40) {
            post("/api/v1/models/" + MODEL + "/predict", "{\"input\": \"dashboard sentence number " + sent++ + "\"}");
        }
        until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until
                && !driver.findElement(By.id("drift-samples-" + MODEL)).getAttribute("data-value").equals("40")) {
            Thread.sleep(100);
        }
        assertThat(driver.findElement(By.id("drift-samples-" + MODEL)).getAttribute("data-value")).isEqualTo("40");
        assertThat(driver.findElement(By.id("drift-verdict-" + MODEL)).getText()).isEqualTo("significant");
        // the charts are drawn: the latency canvas holds non-transparent pixels
        Object painted = driver.executeScript("""
                const c = document.getElementById(arguments[0]);
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                return n;
                """, "chart-latency-" + MODEL);
        assertThat(((Number) painted).longValue()).isGreaterThan(100);
        Report.line(String.format(java.util.Locale.ROOT, "dashboard: %.1f predictions/s and drift score %.2f for %s (%d server predictions)",
                Double.parseDouble(throughput), Double.parseDouble(drift), MODEL, sent));
        // For people reviewing the page: what the test saw.
        java.nio.file.Files.write(java.nio.file.Path.of("target", "dashboard.png"),
                driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private List<RecordingProxy.Request> awaitPosts(int n) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        List<RecordingProxy.Request> posts = new ArrayList<>();
        while (System.currentTimeMillis() < until) {
            posts.clear();
            proxy.requests().stream().filter(q -> q.method().equals("POST")).forEach(posts::add);
            if (posts.size() >= n) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(posts).as("drift reports sent").hasSize(n);
        return posts;
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static JsonNode feature(JsonNode source, String name) {
        for (JsonNode f : source.path("features")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + source);
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
