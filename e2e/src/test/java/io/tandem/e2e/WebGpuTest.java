package io.tandem.e2e;

import io.tandem.testkit.Chromium;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium with {@code --enable-unsafe-webgpu}: a SwiftShader adapter (a software
 * fallback, far slower than WASM). {@code auto} must not pick it; forced, it must run mnist-cnn
 * and agree with WASM. Kept small: SwiftShader emulates the GPU on the CPU.
 */
class WebGpuTest {
    private static E2eServer server;
    private static ChromeDriver driver;
    private static BrowserTandem tandem;

    @BeforeAll
    static void start() {
        server = new E2eServer();
        driver = Chromium.start("--enable-unsafe-webgpu");
        tandem = new BrowserTandem(driver);
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
    @SuppressWarnings("unchecked")
    void autoDoesNotPickASoftwareAdapter() {
        driver.get(server.url("/index.html"));
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', { device: 'auto' });
                  return { device: m.device, reason: m.reason, webgpu: m.capabilities.webgpu };
                })().then(done, e => tandemFail(done, e));
                """);
        Map<String, Object> webgpu = (Map<String, Object>) r.get("webgpu");
        assertThat(webgpu.get("adapter")).isEqualTo(true);
        assertThat(webgpu.get("isFallbackAdapter")).isEqualTo(true);
        assertThat(r.get("device")).isEqualTo("wasm");
        assertThat((String) r.get("reason")).contains("software fallback");
    }

    @Test
    void webGpuRunsMnistAndAgreesWithWasm() throws Exception {
        driver.get(server.url("/index.html"));
        List<Object> inputs = new ArrayList<>();
        for (MnistDigits d : MnistDigits.firstOfEachClass(1)) {
            inputs.add(BrowserTandem.image(28, 28, d.rgba()));
        }
        long start = System.nanoTime();
        List<Map<String, Object>> gpu = tandem.predictAll("mnist-cnn", "webgpu", inputs);
        double gpuMs = (System.nanoTime() - start) / 1e6;
        // The same variant on both devices (wasm's default is int8).
        List<Map<String, Object>> wasm = tandem.predictAll("mnist-cnn", Map.of("device", "wasm", "variant", "fp32"), inputs);
        double maxDiff = 0;
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(gpu.get(i).get("device")).isEqualTo("webgpu");
            List<?> g = (List<?>) gpu.get(i).get("output");
            List<?> w = (List<?>) wasm.get(i).get("output");
            assertThat(((Map<?, ?>) g.get(0)).get("label")).isEqualTo(((Map<?, ?>) w.get(0)).get("label"));
            for (Object go : g) {
                Map<?, ?> gm = (Map<?, ?>) go;
                for (Object wo : w) {
                    Map<?, ?> wm = (Map<?, ?>) wo;
                    if (gm.get("label").equals(wm.get("label"))) {
                        maxDiff = Math.max(maxDiff, Math.abs(((Number) gm.get("score")).doubleValue() - ((Number) wm.get("score")).doubleValue()));
                    }
                }
            }
        }
        assertThat(maxDiff).isLessThan(1e-3);
        Report.line(String.format("webgpu (SwiftShader) vs wasm, mnist-cnn, %d digits: labels agree, max |probability difference| %.2e; "
                + "webgpu load + %d predictions %.0f ms", inputs.size(), maxDiff, inputs.size(), gpuMs));
    }
}
