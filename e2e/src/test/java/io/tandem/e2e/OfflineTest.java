package io.tandem.e2e;

import io.tandem.testkit.Chromium;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After one visit the digits demo loads and predicts with the server stopped: the service worker
 * serves the page, /tandem.js and the WASM runtime; /tandem.js serves the manifest and model from
 * its own Cache Storage.
 */
class OfflineTest {
    private static E2eServer server;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        server = new E2eServer();
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            driver.quit();
        } finally {
            server.close();
        }
    }

    @Test
    void theDigitsDemoWorksOfflineAfterOneVisit() {
        String page = server.url("/digits.html?device=auto");
        driver.get(page);
        DemoPage.waitForStatus(driver, "ready");
        DemoPage.drawOneAndExpect(driver, "1");
        // The service worker has installed (precached the shell and runtime) once it is active.
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> "activated".equals(((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[0];
                navigator.serviceWorker.getRegistration().then(r => done(r && r.active ? r.active.state : 'none'), e => done(String(e)));
                """)));

        server.close();
        long start = System.nanoTime();
        driver.get(page);
        DemoPage.waitForStatus(driver, "ready");
        double reloadMs = (System.nanoTime() - start) / 1e6;
        assertThat(driver.findElement(By.id("device-select")).getAttribute("data-device")).isEqualTo("wasm");
        assertThat(driver.findElement(By.id("notice")).getText()).contains("offline");
        assertThat((Boolean) ((JavascriptExecutor) driver).executeScript("return self.crossOriginIsolated")).isTrue();
        DemoPage.drawOneAndExpect(driver, "1");
        assertThat(driver.findElement(By.id("ran-on")).getText()).isEqualTo("wasm");
        Report.line(String.format("offline: digits demo reloaded and ready with the server stopped in %.0f ms", reloadMs));
    }
}
