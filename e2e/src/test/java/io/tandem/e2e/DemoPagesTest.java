package io.tandem.e2e;

import io.tandem.testkit.Chromium;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demos as a person uses them: draw a digit, search sentences, switch device. */
class DemoPagesTest {
    private static E2eServer server;
    /** Counts what the browser downloads, the runtime fetched by ORT's worker included. */
    private static RecordingProxy proxy;
    private ChromeDriver driver;

    @BeforeAll
    static void startServer() throws java.io.IOException {
        server = new E2eServer();
        proxy = new RecordingProxy(server.url(""));
    }

    @AfterAll
    static void stopServer() {
        proxy.close();
        server.close();
    }

    @BeforeEach
    void startBrowser() {
        driver = Chromium.start();
        // Noted before any page script runs (DevTools injects it, outside the page's policy): every
        // Content-Security-Policy violation of the document, so a test can prove the pages need none.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        proxy.clearRequests();
    }

    @AfterEach
    void stopBrowser() {
        driver.quit();
    }

    @Test
    void everyPageWorksUnderTheContentSecurityPolicy() {
        for (String page : new String[] {"/", "/digits.html?device=wasm", "/search.html?device=wasm", "/penguins.html?device=wasm",
                "/dashboard.html"}) {
            driver.get(proxy.url(page));
            if (page.contains("device=")) {
                DemoPage.waitForStatus(driver, "ready");
            }
            assertThat(driver.executeScript("return window.__cspViolations")).as(page + ": policy violations").asList().isEmpty();
        }
        // The policy is really enforced: an inline script injected into the page is blocked and reported.
        driver.executeScript("const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.head.append(s);");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> !((List<?>) driver.executeScript("return window.__cspViolations")).isEmpty());
        assertThat(driver.executeScript("return window.__ran === true")).isEqualTo(false);
    }

    @Test
    void homePageLinksToBothDemos() {
        driver.get(proxy.url("/"));
        assertThat(driver.findElements(By.cssSelector("a[href*='digits.html']"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href*='search.html']"))).isNotEmpty();
    }

    @Test
    void drawingADigitPredictsItInTheBrowserThenOnTheServer() {
        driver.get(proxy.url("/digits.html?device=wasm"));
        DemoPage.waitForStatus(driver, "ready");
        assertThat(crossOriginIsolated()).as("COOP/COEP make the page cross-origin isolated").isTrue();
        drawOne();
        String label = waitForLabel();
        assertThat(label).isEqualTo("1");
        assertThat(text("ran-on")).isEqualTo("wasm");
        assertThat(Double.parseDouble(text("ms"))).isPositive();
        assertThat(driver.findElements(By.cssSelector("#bars li"))).hasSize(10);
        Report.line("digits demo: downloaded " + downloadedBytes() + " (fresh profile, page + runtime + model, first prediction)");

        new Select(driver.findElement(By.id("device-select"))).selectByValue("server");
        DemoPage.waitForStatus(driver, "ready");
        driver.findElement(By.id("clear")).click();
        drawOne();
        assertThat(waitForLabel()).isEqualTo("1");
        assertThat(text("ran-on")).isEqualTo("server");
    }

    @Test
    void searchFindsTheNearestSentencesInTheBrowser() {
        driver.get(proxy.url("/search.html?device=wasm"));
        DemoPage.waitForStatus(driver, "ready");
        WebElement query = driver.findElement(By.id("query"));
        query.sendKeys("a small pet animal");
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !d.findElements(By.cssSelector("#result li")).isEmpty()
                && !"—".equals(text("ran-on")));
        List<WebElement> hits = driver.findElements(By.cssSelector("#result li"));
        assertThat(hits).hasSizeGreaterThanOrEqualTo(3);
        List<Double> scores = new ArrayList<>();
        for (WebElement hit : hits) {
            scores.add(Double.parseDouble(hit.getAttribute("data-score")));
        }
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.get(0)).isBetween(0.2, 1.0);
        assertThat(text("ran-on")).isEqualTo("wasm");
        String best = hits.get(0).findElement(By.cssSelector(".sentence")).getText().toLowerCase();
        Report.line("search demo: query 'a small pet animal' → \"" + best + "\" (" + scores.get(0) + "); downloaded "
                + downloadedBytes() + " (fresh profile, page + runtime + model + vocabulary, 42 sentences embedded)");
        assertThat(best).containsAnyOf("cat", "dog", "kitten", "puppy", "pet", "hamster", "rabbit");
    }

    /** The site's one navigation, in order; each page marks its own link. */
    static final List<String> NAVIGATION = List.of("Home /", "Digits /digits.html", "Search /search.html", "Penguins /penguins.html",
            "Try a model /try.html", "Dashboard /dashboard.html", "API docs /docs/");

    @Test
    void everyPageHasTheOneNavigationAndAMissingPageToo() {
        Map<String, String> own = new java.util.LinkedHashMap<>();
        own.put("/", "Home /");
        own.put("/digits.html", "Digits /digits.html");
        own.put("/search.html", "Search /search.html");
        own.put("/penguins.html", "Penguins /penguins.html");
        own.put("/try.html", "Try a model /try.html");
        own.put("/dashboard.html", "Dashboard /dashboard.html");
        own.put("/docs/", "API docs /docs/");
        own.put("/no-such-page", null);
        own.put("/models/mnist-cnn/", null);
        for (Map.Entry<String, String> page : own.entrySet()) {
            driver.get(proxy.url(page.getKey()));
            List<String> expected = NAVIGATION.stream().map(l -> l.equals(page.getValue()) ? "*" + l : l).toList();
            assertThat(DemoPage.navigation(driver)).as(page.getKey()).isEqualTo(expected);
            if (page.getValue() == null) {
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
            }
            // Every link in the header and footer leads somewhere (no 404 behind a link).
            List<?> broken = (List<?>) ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[0];
                    const links = [...document.querySelectorAll('header.site a, footer.site a')].map(a => a.href);
                    Promise.all(links.map(u => fetch(u, { method: 'GET' }).then(r => r.ok ? null : u + ' ' + r.status, e => u + ' ' + e)))
                      .then(r => done(r.filter(x => x)));
                    """);
            assertThat(broken).as(page.getKey() + ": links that fail").isEmpty();
        }
    }

    @Test
    void aDeviceTheProbeRulesOutIsDisabledWithItsReasonAndNotUsed() {
        // Headless Chromium without --enable-unsafe-webgpu has the WebGPU API but no adapter.
        driver.get(proxy.url("/digits.html?device=webgpu"));
        DemoPage.waitForStatus(driver, "ready");
        WebElement webgpu = driver.findElement(By.cssSelector("#device-select option[value=webgpu]"));
        assertThat(webgpu.isEnabled()).isFalse();
        assertThat(webgpu.getText()).contains("unavailable", "no WebGPU adapter");
        assertThat(text("device-note")).contains("WebGPU", "unavailable", "no WebGPU adapter");
        assertThat(driver.findElement(By.cssSelector("#device-select option[value=wasm]")).isEnabled()).isTrue();
        // Asked for by the URL, it is replaced by auto, and the page says so.
        assertThat(new Select(driver.findElement(By.id("device-select"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("auto");
        assertThat(text("notice")).contains("webgpu is unavailable here", "running on auto instead");
        assertThat(text("error")).isEmpty();
    }

    @Test
    void aFailedLoadLeavesNoStaleResult() {
        driver.get(proxy.url("/digits.html?device=server&_simulateFailure=wasm"));
        DemoPage.waitForStatus(driver, "ready");
        drawOne();
        assertThat(waitForLabel()).isEqualTo("1");
        new Select(driver.findElement(By.id("device-select"))).selectByValue("wasm");
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "error".equals(text("status")));
        assertThat(text("error")).contains("simulated wasm failure");
        assertThat(driver.findElement(By.id("result")).getAttribute("data-label")).isEmpty();
        assertThat(text("result")).isEqualTo("—");
        assertThat(text("ran-on")).isEqualTo("—");
        for (WebElement bar : driver.findElements(By.cssSelector("#bars li"))) {
            assertThat(bar.getAttribute("data-score")).isEqualTo("0");
        }
        assertThat(text("device-summary")).isEqualTo("could not start on wasm");
    }

    @Test
    void theDeviceLineIsShortTheDetailsAreBehindADisclosureAndDownloadIsApartFromStartUp() {
        driver.get(proxy.url("/digits.html?device=auto"));
        DemoPage.waitForStatus(driver, "ready");
        assertThat(text("device-summary")).isEqualTo("WebAssembly on this device, chosen automatically");
        WebElement details = driver.findElement(By.id("device-details"));
        assertThat(details.getAttribute("open")).isNull();
        assertThat(text("device-reason")).as("hidden until opened").isEmpty();
        assertThat(driver.findElement(By.id("device-reason")).getAttribute("textContent")).startsWith("wasm — auto chose wasm");
        details.findElement(By.tagName("summary")).click();
        assertThat(text("device-reason")).contains("warm-up");
        assertThat(text("download-text")).matches("\\d+ kB downloaded in \\d+\\.\\d s");
        assertThat(text("startup-text")).matches("\\d+\\.\\d s");

        new Select(driver.findElement(By.id("device-select"))).selectByValue("server");
        DemoPage.waitForStatus(driver, "ready");
        assertThat(text("device-summary")).isEqualTo("the server, as you chose");
        assertThat(text("download-text")).isEqualTo("nothing to download (runs on the server)");
    }

    @Test
    void theSearchPageShowsNoEmbeddingCountBeforeItHasSentences() {
        // Every text the progress shows while visible, from the first paint on.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__progress = [];
                new MutationObserver(() => {
                  const wrap = document.getElementById('progress-wrap');
                  if (wrap && !wrap.hidden) window.__progress.push(document.getElementById('progress').textContent);
                }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
                """));
        driver.get(proxy.url("/search.html?device=wasm"));
        DemoPage.waitForStatus(driver, "ready");
        List<?> shown = (List<?>) driver.executeScript("return window.__progress");
        assertThat(shown).isNotEmpty().allSatisfy(t -> assertThat(String.valueOf(t)).matches("\\d+ / 42"));
        assertThat(text("progress")).isEqualTo("42 / 42");
    }

    @Test
    void theDigitsPageSaysWhenADrawingIsUnlikeTheTrainingDigitsOrTheModelIsUnsure() {
        driver.get(proxy.url("/digits.html?device=wasm"));
        DemoPage.waitForStatus(driver, "ready");
        // A plain one: nothing to say.
        DemoPage.paint(driver, new int[][] {{140, 40, 140, 240}});
        assertThat(driver.findElement(By.id("caution")).getAttribute("data-verdict")).as(text("caution")).isEqualTo("ok");
        assertThat(text("caution")).isEmpty();
        // A boxed X: far more ink than any training digit.
        DemoPage.paint(driver, new int[][] {{40, 40, 240, 40}, {240, 40, 240, 240}, {240, 240, 40, 240}, {40, 240, 40, 40},
                {40, 40, 240, 240}, {240, 40, 40, 240}});
        Report.line("digits caution, boxed X: " + driver.findElement(By.id("result")).getAttribute("data-label") + " "
                + driver.findElement(By.id("result")).getAttribute("data-score") + " → " + text("caution"));
        assertThat(driver.findElement(By.id("caution")).getAttribute("data-verdict")).isEqualTo("unusual");
        assertThat(text("caution")).contains("unlike the digits the model learned from", "ink covers");
        // A plus sign.
        DemoPage.paint(driver, new int[][] {{140, 50, 140, 230}, {50, 140, 230, 140}});
        Report.line("digits caution, plus sign: " + driver.findElement(By.id("result")).getAttribute("data-label") + " "
                + driver.findElement(By.id("result")).getAttribute("data-score") + " → "
                + driver.findElement(By.id("caution")).getAttribute("data-verdict") + ": " + text("caution"));
    }

    @Test
    void theDashboardSaysNoRecentRequestsInsteadOfZeroLatency() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/api/v1/models/penguins/predict")))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"input\": {}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // As the server's window reports once requests stop: quantiles 0 beside a count above 0.
        proxy.rewrite("/metrics", body -> new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(?m)^(tandem_predict_latency_seconds\\{[^}]*quantile=[^}]*\\}) .*$", "$1 0.0")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            driver.get(proxy.url("/dashboard.html?every=300"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "live".equals(d.findElement(By.id("dash-status")).getText()));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !text("predictions-penguins").equals("—"));
            assertThat(Double.parseDouble(text("predictions-penguins"))).isPositive();
            for (String q : List.of("p50", "p95", "p99")) {
                assertThat(text(q + "-penguins")).as(q).isEqualTo("—");
                assertThat(driver.findElement(By.id(q + "-penguins")).getAttribute("data-value")).isEmpty();
            }
            assertThat(text("latency-note-penguins")).isEqualTo("no recent requests");
            // A model nobody has asked yet says so.
            assertThat(text("latency-note-mnist-cnn")).isIn("no requests yet", "no recent requests");
        } finally {
            proxy.clearRewrites();
        }
        // Unchanged metrics: the quantile of the request just made is a latency, and the note is gone.
        driver.get(proxy.url("/dashboard.html?every=300"));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !text("p50-penguins").equals("—"));
        assertThat(text("p50-penguins")).endsWith(" ms");
        assertThat(text("latency-note-penguins")).isEmpty();
    }

    private void drawOne() {
        WebElement canvas = driver.findElement(By.id("digit-canvas"));
        // A vertical stroke through the middle: a "1" for any sensible classifier.
        new Actions(driver).moveToElement(canvas, 0, -100).clickAndHold().moveByOffset(0, 50).moveByOffset(0, 50)
                .moveByOffset(0, 50).moveByOffset(0, 50).release().perform();
    }

    private String waitForLabel() {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            String l = d.findElement(By.id("result")).getAttribute("data-label");
            return l != null && !l.isEmpty() && !"—".equals(l);
        });
        return driver.findElement(By.id("result")).getAttribute("data-label");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private boolean crossOriginIsolated() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return self.crossOriginIsolated"));
    }

    /**
     * Bytes the browser downloaded (uncompressed; the server gzips the text assets and the WASM
     * runtime on the wire), counted by the proxy so that fetches from ORT's worker and the service
     * worker count too: total, and the model files and the ORT runtime within it.
     */
    private String downloadedBytes() {
        long total = 0, models = 0, ort = 0;
        for (java.util.Map.Entry<String, Long> e : proxy.bytesByPath().entrySet()) {
            total += e.getValue();
            if (e.getKey().startsWith("/models/")) {
                models += e.getValue();
            } else if (e.getKey().startsWith("/ort/")) {
                ort += e.getValue();
            }
        }
        return String.format("%,d bytes (model files %,d, ONNX Runtime Web %,d, pages + tandem.js %,d)", total, models, ort,
                total - models - ort);
    }
}
