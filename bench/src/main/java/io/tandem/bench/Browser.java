package io.tandem.bench;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

/**
 * Debian's headless Chromium and its chromedriver, named explicitly (Selenium Manager never runs),
 * each instance with its own fresh profile folder, removed on close. Calls the page's bench.js.
 */
public final class Browser implements AutoCloseable {
    static final String BROWSER = System.getProperty("tandem.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("tandem.chromedriver", "/usr/bin/chromedriver");
    static final String INSTALL = "sudo apt-get update && sudo apt-get install -y chromium chromium-driver";

    private static final String CALL = """
            const [fn, args, done] = arguments;
            import('/bench/bench.js')
              .then(b => b[fn](args))
              .then(done, e => done({ error: String((e && (e.stack || e.message)) || e) }));
            """;

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new Chromium with an empty profile (empty HTTP cache and Cache Storage). */
    public static Browser start() {
        for (String binary : new String[] {BROWSER, DRIVER}) {
            if (!new File(binary).canExecute()) {
                throw new IllegalStateException(binary + " is missing: the benchmark needs Debian's Chromium. Install it with: " + INSTALL);
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("tandem-bench-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile folder", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
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
        return new Browser(driver, profile);
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Calls {@code bench.js}'s exported function {@code fn(args)} in the current page and returns its result. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> call(String fn, Object args) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(CALL, fn, args);
        if (!(result instanceof Map<?, ?> map)) {
            throw new IllegalStateException(fn + ": the page returned " + result);
        }
        if (map.containsKey("error")) {
            throw new IllegalStateException(fn + " failed in the browser: " + map.get("error"));
        }
        return (Map<String, Object>) map;
    }

    public String version() {
        return String.valueOf(driver.getCapabilities().getBrowserVersion());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + profile + ": " + e.getMessage());
            }
        }
    }
}
