package io.tandem.testkit;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium driven by its own chromedriver, both named explicitly so Selenium
 * Manager never tries to download a browser. Missing binaries fail with the command that installs
 * them: a browser test or benchmark must never pass by skipping.
 */
public final class Chromium {
    public static final String BROWSER = System.getProperty("tandem.chromium", "/usr/bin/chromium");
    public static final String DRIVER = System.getProperty("tandem.chromedriver", "/usr/bin/chromedriver");
    public static final String INSTALL = "sudo apt-get update && sudo apt-get install -y chromium chromium-driver";

    private Chromium() {
    }

    /** A new, empty profile folder (no HTTP cache, no Cache Storage, no service worker). */
    public static Path newProfile(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile folder", e);
        }
    }

    /** A browser with a fresh profile. */
    public static ChromeDriver start(String... extraArguments) {
        return start(newProfile("tandem-chromium-"), extraArguments);
    }

    /**
     * A browser on the given profile, with extra command-line switches, e.g.
     * {@code --enable-unsafe-webgpu} (a SwiftShader WebGPU adapter in headless mode).
     */
    public static ChromeDriver start(Path profile, String... extraArguments) {
        for (String binary : new String[] {BROWSER, DRIVER}) {
            if (!new File(binary).canExecute()) {
                throw new IllegalStateException(binary + " is missing: Tandem's browser tests and benchmark need Debian's Chromium. Install it with: " + INSTALL);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        // The flags that work headless here; without the background-networking ones Chromium keeps
        // dialling hosts this machine cannot reach.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
        return driver;
    }
}
