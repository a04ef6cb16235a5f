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
