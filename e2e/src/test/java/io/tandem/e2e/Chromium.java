package io.tandem.e2e;

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
 * Manager never tries to download a browser. Missing binaries fail the test with the command that
 * installs them: a browser test must never pass by skipping.
 */
public final class Chromium {
    static final String BROWSER = System.getProperty("tandem.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("tandem.chromedriver", "/usr/bin/chromedriver");
    static final String INSTALL = "sudo apt-get update && sudo apt-get install -y chromium chromium-driver";

    private Chromium() {
    }

    public static ChromeDriver start() {
        return start(new String[0]);
    }

    /**
     * With extra command-line switches, e.g. {@code --enable-unsafe-webgpu} (a SwiftShader WebGPU
     * adapter in headless mode).
     */
    public static ChromeDriver start(String... extraArguments) {
        for (String binary : new String[] {BROWSER, DRIVER}) {
            if (!new File(binary).canExecute()) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's Chromium. Install it with: " + INSTALL);
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("tandem-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile folder", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
        return driver;
    }
}
