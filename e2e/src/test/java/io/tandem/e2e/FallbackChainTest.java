package io.tandem.e2e;


import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capability probe and the fallback chain WebGPU → WASM → server, in headless Chromium without
 * WebGPU flags (no adapter: a forced WebGPU load really fails). WASM failures are forced with the
 * test-only load option {@code _simulateFailure}.
 */
class FallbackChainTest extends ServerAndBrowserTest {


    @SuppressWarnings("unchecked")
    private Map<String, Object> loadAndPredict(String options) {
        driver.get(server.url("/index.html"));
        return (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', %s);
                  const loadedOn = m.device;
                  const r = await m.predict({ width: 28, height: 28, data: new Uint8Array(28 * 28 * 4).fill(255) });
                  return { loadedOn, device: m.device, reason: m.reason, fallbacks: m.fallbacks, capabilities: m.capabilities,
                           ran: r.device, resultFallback: r.fallback ?? null, top: r.output[0].label };
                })().then(done, e => tandemFail(done, e));
                """.formatted(options));
    }

    @Test
    @SuppressWarnings("unchecked")
    void probeReportsWhatTheBrowserHas() {
        driver.get(server.url("/index.html"));
        Map<String, Object> caps = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                import('/tandem.js').then(t => t.probe()).then(done, e => tandemFail(done, e));
                """);
        Map<String, Object> wasm = (Map<String, Object>) caps.get("wasm");
        assertThat(wasm.get("available")).isEqualTo(true);
        assertThat(wasm.get("simd")).isEqualTo(true);
        assertThat(wasm.get("threads")).as("cross-origin isolated, so shared memory").isEqualTo(true);
        assertThat(caps.get("crossOriginIsolated")).isEqualTo(true);
        assertThat(((Number) caps.get("hardwareConcurrency")).intValue()).isPositive();
        assertThat(((Map<String, Object>) caps.get("webgpu")).get("adapter")).as("no WebGPU flags: no adapter").isEqualTo(false);
        assertThat(((Map<String, Object>) caps.get("storage")).get("quota")).isNotNull();
        assertThat(caps).containsKey("deviceMemory");
    }

    @Test
    @SuppressWarnings("unchecked")
    void autoWithoutAWebGpuAdapterPicksWasmAndSaysWhy() {
        Map<String, Object> r = loadAndPredict("{ device: 'auto' }");
        assertThat(r.get("device")).isEqualTo("wasm");
        assertThat(r.get("ran")).isEqualTo("wasm");
        assertThat((String) r.get("reason")).contains("auto chose wasm", "no WebGPU adapter");
        assertThat((List<String>) r.get("fallbacks")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedWebGpuSessionFallsBackToWasm() {
        Map<String, Object> r = loadAndPredict("{ device: 'webgpu', fallback: true }");
        assertThat(r.get("device")).isEqualTo("wasm");
        assertThat(r.get("ran")).isEqualTo("wasm");
        assertThat((List<String>) r.get("fallbacks")).singleElement().asString().startsWith("webgpu failed:");
        assertThat((String) r.get("reason")).contains("fell back to wasm");
        assertThat(r.get("top")).isNotNull();
    }

    @Test
    void aForcedDeviceDoesNotFallBackUnlessAsked() {
        driver.get(server.url("/index.html"));
        Object code = tandem.run("""
                const done = arguments[arguments.length - 1];
                import('/tandem.js').then(t => t.load('mnist-cnn', { device: 'webgpu' }))
                  .then(() => done('loaded'), e => done(e.code));
                """);
        assertThat(code).isEqualTo("runtime");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedWasmSessionFallsBackToTheServer() {
        Map<String, Object> r = loadAndPredict("{ device: 'auto', _simulateFailure: 'wasm' }");
        assertThat(r.get("device")).isEqualTo("server");
        assertThat(r.get("ran")).isEqualTo("server");
        assertThat((List<String>) r.get("fallbacks")).singleElement().asString().startsWith("wasm failed: simulated wasm failure");
        assertThat((String) r.get("reason")).contains("fell back to server");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWasmFailureWhileRunningRetriesOnTheServer() {
        Map<String, Object> r = loadAndPredict("{ device: 'auto', _simulateFailure: 'wasm-run' }");
        assertThat(r.get("loadedOn")).isEqualTo("wasm");
        assertThat(r.get("ran")).isEqualTo("server");
        assertThat(r.get("device")).isEqualTo("server");
        assertThat((String) r.get("resultFallback")).startsWith("wasm failed (simulated wasm failure while running");
    }

    @Test
    void theDemoSaysWhereItRunsWhyAndThatItFellBack() {
        driver.get(server.url("/digits.html?device=auto&_simulateFailure=wasm"));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "ready".equals(d.findElement(By.id("status")).getText().trim()));
        assertThat(driver.findElement(By.id("device-select")).getAttribute("data-device")).isEqualTo("server");
        assertThat(driver.findElement(By.id("device-reason")).getAttribute("textContent")).contains("server", "fell back to server");
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Fallback happened", "wasm failed");

        driver.get(server.url("/digits.html?device=auto"));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "ready".equals(d.findElement(By.id("status")).getText().trim()));
        assertThat(driver.findElement(By.id("device-reason")).getAttribute("textContent")).contains("wasm", "auto chose wasm");
        assertThat(driver.findElement(By.id("download-text")).getText()).contains("kB");
        assertThat(driver.findElement(By.id("notice")).getText()).isEmpty();
    }
}
