package io.tandem.e2e;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auto}'s measured warm-up: the device it opens is timed on a cheap input, a device far over
 * its budget is passed over (here made to look slow with the test-only {@code _simulateWarmUpMs}),
 * and the decision is remembered for the next load of the same model version in this browser.
 */
class AutoRoutingTest extends ServerAndBrowserTest {


    @BeforeEach
    void forgetChoices() {
        driver.get(server.url("/index.html"));
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> loadAndPredict(String options) {
        driver.get(server.url("/index.html"));
        return (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', %s);
                  const r = await m.predict({ width: 28, height: 28, data: new Uint8Array(28 * 28 * 4).fill(255) });
                  const choices = Object.keys(localStorage).filter(k => k.startsWith('tandem:choice:'));
                  return { device: m.device, reason: m.reason, fallbacks: m.fallbacks, ran: r.device, loadMs: m.loadInfo.ms,
                           choices, stored: choices.map(k => JSON.parse(localStorage.getItem(k))) };
                })().then(done, e => tandemFail(done, e));
                """.formatted(options));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeviceTooSlowInTheWarmUpIsPassedOverForTheServer() {
        Map<String, Object> r = loadAndPredict("{ device: 'auto', _simulateWarmUpMs: 5000 }");
        assertThat(r.get("device")).isEqualTo("server");
        assertThat(r.get("ran")).isEqualTo("server");
        assertThat((String) r.get("reason")).contains("auto chose wasm",
                "wasm warm-up 5000 ms (simulated) (best of 2), over its 500 ms budget", "fell back to server");
        assertThat((List<String>) r.get("fallbacks")).singleElement().asString().startsWith("wasm too slow: wasm warm-up 5000 ms");
        assertThat((List<String>) r.get("choices")).as("a simulated decision is not remembered").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChoiceIsMeasuredOnceThenRememberedForThisModelVersion() {
        Map<String, Object> first = loadAndPredict("{ device: 'auto' }");
        assertThat(first.get("device")).isEqualTo("wasm");
        assertThat((String) first.get("reason")).startsWith("auto chose wasm").containsPattern("wasm warm-up [0-9.]+ ms \\(best of 3\\), within its 500 ms budget");
        assertThat((List<String>) first.get("choices")).singleElement().asString().startsWith("tandem:choice:mnist-cnn@1.0.0#");
        Map<String, Object> stored = ((List<Map<String, Object>>) first.get("stored")).get(0);
        assertThat(stored.get("device")).isEqualTo("wasm");
        assertThat(((Number) stored.get("warmUpMs")).doubleValue()).isPositive().isLessThan(500);

        Map<String, Object> second = loadAndPredict("{ device: 'auto' }");
        assertThat(second.get("device")).isEqualTo("wasm");
        assertThat(second.get("ran")).isEqualTo("wasm");
        assertThat((String) second.get("reason")).isEqualTo("remembered: " + first.get("reason"));
        assertThat((List<String>) second.get("choices")).isEqualTo(first.get("choices"));
        Report.line(String.format("auto routing: mnist-cnn warm-up %.2f ms on wasm; load %.0f ms measured, %.0f ms remembered",
                ((Number) stored.get("warmUpMs")).doubleValue(), ((Number) first.get("loadMs")).doubleValue(),
                ((Number) second.get("loadMs")).doubleValue()));
    }

    @Test
    void theDemoSaysWhenTheDeviceWasTooSlow() {
        driver.get(server.url("/digits.html?device=auto&_simulateWarmUpMs=5000"));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "ready".equals(d.findElement(By.id("status")).getText().trim()));
        assertThat(driver.findElement(By.id("device-select")).getAttribute("data-device")).isEqualTo("server");
        assertThat(driver.findElement(By.id("device-reason")).getAttribute("textContent")).contains("over its 500 ms budget", "fell back to server");
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Fallback happened", "wasm too slow");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyInputKindWarmsUpOnWasm() {
        // Text, image and tabular bundles: the warm-up input comes from the model's own input kind.
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const out = {};
                  for (const id of ['minilm-l6-v2', 'mnist-cnn', 'penguins']) {
                    const m = await t.load(id, { device: 'auto' });
                    out[id] = { device: m.device, reason: m.reason, fallbacks: m.fallbacks };
                    await m.close();
                  }
                  return out;
                })().then(done, e => tandemFail(done, e));
                """);
        for (String id : List.of("minilm-l6-v2", "mnist-cnn", "penguins")) {
            Map<String, Object> m = (Map<String, Object>) r.get(id);
            assertThat(m.get("device")).as(id + ": " + m).isEqualTo("wasm");
            assertThat((List<?>) m.get("fallbacks")).as(id).isEmpty();
            assertThat((String) m.get("reason")).as(id).contains("within its 500 ms budget");
        }
    }

    @Test
    void aForcedDeviceIsNeitherWarmedUpNorRemembered() {
        Map<String, Object> r = loadAndPredict("{ device: 'wasm' }");
        assertThat((String) r.get("reason")).isEqualTo("the page asked for wasm");
        assertThat((List<?>) r.get("choices")).isEmpty();
    }
}
