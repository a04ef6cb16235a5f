package io.tandem.bench;

import io.tandem.testkit.Chromium;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * One benchmark browser ({@link Chromium}) with its own fresh profile folder, removed on close.
 * Calls the page's bench.js.
 */
public final class Browser implements AutoCloseable {
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
        Path profile = Chromium.newProfile("tandem-bench-chromium-");
        return new Browser(Chromium.start(profile), profile);
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
