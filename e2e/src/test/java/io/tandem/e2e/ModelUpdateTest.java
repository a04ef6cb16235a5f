package io.tandem.e2e;

import io.tandem.testkit.Chromium;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Updates reach a browser that has been offline-ready: after one visit (service worker installed,
 * model cached) the server is restarted, on the same origin, with a new version of the model (a
 * copy of the bundle with its manifest version bumped), and the app shell changes too (a
 * {@link RecordingProxy} in front, which stays up, rewrites the demo page). A reload while online
 * shows the new page, runs the new model version, measures {@code auto}'s choice again for it and
 * evicts the old version's files; with the server stopped again, the new page still loads and
 * predicts, on the new version.
 */
class ModelUpdateTest {
    private static final String CACHE_KEYS = """
            const done = arguments[0];
            caches.open('tandem-models-v1').then(c => c.keys()).then(keys => done(keys.map(r => r.url)), e => done(String(e)));
            """;

    @TempDir
    static Path models;
    private static ChromeDriver driver;
    private static E2eServer server;
    private static RecordingProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        Path source = E2eServer.modelsDir().resolve("mnist-cnn");
        Path target = models.resolve("mnist-cnn");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            driver.quit();
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewModelVersionIsPickedUpWhenOnlineAndStillWorksOffline() throws IOException {
        server = new E2eServer(models, 0);
        int port = server.port();
        proxy = new RecordingProxy(server.url(""));
        String page = proxy.url("/digits.html?device=auto");
        driver.get(page);
        DemoPage.waitForStatus(driver, "ready");
        DemoPage.drawOneAndExpect(driver, "1");
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> "activated".equals(((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[0];
                navigator.serviceWorker.getRegistration().then(r => done(r && r.active ? r.active.state : 'none'), e => done(String(e)));
                """)));
        assertThat(reason()).contains("auto chose wasm", "wasm warm-up");
        assertThat((List<String>) script(CACHE_KEYS)).anyMatch(k -> k.endsWith("/models/mnist-cnn/model.int8.onnx?v=1.0.0"));
        assertThat(shellBuild()).isEmpty();

        // A new version of the model is deployed: same files, manifest version bumped.
        server.close();
        Path manifest = models.resolve("mnist-cnn/manifest.json");
        String text = Files.readString(manifest);
        assertThat(text).contains("\"version\": \"1.0.0\"");
        Files.writeString(manifest, text.replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\""));
        server = new E2eServer(models, port);
        // …and a new app shell: the demo page changes.
        proxy.rewrite("/digits.html", html -> new String(html, StandardCharsets.UTF_8)
                .replace("<body data-model=", "<body data-shell=\"2\" data-model=").getBytes(StandardCharsets.UTF_8));

        driver.get(page);
        DemoPage.waitForStatus(driver, "ready");
        assertThat(shellBuild()).as("the new page, not the stored one").isEqualTo("2");
        assertThat(reason()).as("a new model version is measured again, not remembered")
                .contains("auto chose wasm", "wasm warm-up").doesNotContain("remembered");
        assertThat(driver.findElement(By.id("notice")).getText()).contains("evicted");
        List<String> keys = (List<String>) script(CACHE_KEYS);
        assertThat(keys).anyMatch(k -> k.endsWith("/models/mnist-cnn/model.int8.onnx?v=1.0.1"))
                .noneMatch(k -> k.contains("?v=1.0.0"));
        assertThat((List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Object.keys(localStorage).filter(k => k.startsWith('tandem:choice:mnist-cnn@'))"))
                .singleElement().asString().startsWith("tandem:choice:mnist-cnn@1.0.1#");
        DemoPage.drawOneAndExpect(driver, "1");

        // Offline again: the new page and model version load from storage and predict.
        server.close();
        server = null;
        driver.get(page);
        DemoPage.waitForStatus(driver, "ready");
        assertThat(driver.findElement(By.id("notice")).getText()).contains("offline");
        assertThat(shellBuild()).as("the service worker stored the new page").isEqualTo("2");
        assertThat(reason()).startsWith("wasm — remembered: auto chose wasm");
        DemoPage.drawOneAndExpect(driver, "1");
        assertThat(driver.findElement(By.id("ran-on")).getText()).isEqualTo("wasm");
        Object version = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[0];
                import('/tandem.js').then(t => t.load('mnist-cnn', { device: 'wasm' }))
                  .then(m => done(m.manifest.version + ' ' + m.loadInfo.offline), e => done(String(e)));
                """);
        assertThat(version).isEqualTo("1.0.1 true");
        // Offline, a device too slow in auto's warm-up is kept: the server cannot be reached.
        Object slow = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[0];
                import('/tandem.js').then(t => t.load('mnist-cnn', { device: 'auto', _simulateWarmUpMs: 5000 }))
                  .then(m => done(m.device + ': ' + m.reason), e => done(String(e)));
                """);
        assertThat((String) slow).startsWith("wasm: ").contains("over its 500 ms budget, but kept: offline");
    }

    private String shellBuild() {
        String build = driver.findElement(By.tagName("body")).getAttribute("data-shell");
        return build == null ? "" : build;
    }

    private String reason() {
        return driver.findElement(By.id("device-reason")).getAttribute("textContent");
    }

    private Object script(String js) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js);
    }
}
