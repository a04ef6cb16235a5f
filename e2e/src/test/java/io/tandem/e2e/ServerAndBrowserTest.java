package io.tandem.e2e;

import io.tandem.testkit.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The usual fixture of a browser test class: one real Tandem server and one fresh headless
 * Chromium (empty profile), shared by the class's tests, started before the first and closed after
 * the last. A subclass's own {@code @BeforeAll} runs after this one (a proxy, a first page) and its
 * {@code @AfterAll} before the browser and server close.
 */
abstract class ServerAndBrowserTest {
    protected static E2eServer server;
    protected static ChromeDriver driver;
    protected static BrowserTandem tandem;

    @BeforeAll
    static void startServerAndBrowser() {
        server = new E2eServer();
        driver = Chromium.start();
        tandem = new BrowserTandem(driver);
    }

    @AfterAll
    static void stopBrowserAndServer() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            driver = null;
            server = null;
            tandem = null;
        }
    }
}
