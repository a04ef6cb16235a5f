package io.tandem.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Calls the page-facing API of /tandem.js from Java, exactly as a page would. */
public final class BrowserTandem {
    private static final String HARNESS = resource("/harness.js");

    private final WebDriver driver;

    public BrowserTandem(WebDriver driver) {
        this.driver = driver;
    }

    public static Map<String, Object> image(int width, int height, byte[] rgba) {
        return Map.of("width", width, "height", height, "data", Base64.getEncoder().encodeToString(rgba));
    }

    /** load(id, {device}) once, then predict(input) for each input; returns the raw results. */
    public List<Map<String, Object>> predictAll(String id, String device, List<?> inputs) {
        return predictAll(id, Map.of("device", device), inputs);
    }

    /**
     * load(id, options) once, then predict(input) for each input; returns the raw results, each
     * with the model's {@code variant} added (which manifest variant ran).
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> predictAll(String id, Map<String, Object> options, List<?> inputs) {
        Object result = run("""
                const [id, options, inputs, done] = arguments;
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load(id, options);
                  const out = [];
                  for (const input of inputs) out.push({ ...(await m.predict(tandemDecode(input))), variant: m.variant });
                  return out;
                })().then(done, e => tandemFail(done, e));
                """, id, options, inputs);
        return (List<Map<String, Object>>) result;
    }

    /** The tensors the browser's pipeline makes for each input, as exact integers (see harness.js). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Map<String, Object>>> prepareAll(String id, List<?> inputs) {
        Object result = run("""
                const [id, inputs, done] = arguments;
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load(id, { device: 'wasm' });
                  const out = [];
                  for (const input of inputs) {
                    const feeds = await m.prepare(tandemDecode(input));
                    const plain = {};
                    for (const name of Object.keys(feeds)) plain[name] = tandemBits(feeds[name]);
                    out.push(plain);
                  }
                  return out;
                })().then(done, e => tandemFail(done, e));
                """, id, inputs);
        return (List<Map<String, Map<String, Object>>>) result;
    }

    public Object run(String script, Object... args) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(HARNESS + "\n" + script, args);
        if (result instanceof Map<?, ?> m && m.containsKey("error")) {
            throw new AssertionError("the browser failed: " + m.get("error"));
        }
        return result;
    }

    private static String resource(String name) {
        try (InputStream in = BrowserTandem.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
