package io.tandem.e2e;

import io.tandem.testkit.Chromium;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model download: progress, the sha256 check before use, Cache Storage by version, eviction of
 * other versions, and the quota-exceeded path. A {@link RecordingProxy} in front of the real server
 * serves a tampered model file or a manifest with another version, which the server itself never
 * would (it refuses bundles whose files do not match at startup).
 */
class ModelDownloadTest {
    private static final String MANIFEST = "/models/mnist-cnn/manifest.json";
    /** The file wasm downloads: the manifest's first variant for wasm (int8 since it became the default). */
    private static final BundleFile WASM_FILE = wasmFile();
    private static final String MODEL = "/models/mnist-cnn/" + WASM_FILE.path();
    private static final long BYTES = WASM_FILE.bytes();
    private static final String CACHE_KEYS = """
            const c = await caches.open('tandem-models-v1');
            return (await c.keys()).map(r => r.url);
            """;

    private static E2eServer server;
    private static RecordingProxy proxy;
    private ChromeDriver driver;
    private BrowserTandem tandem;

    @BeforeAll
    static void start() throws Exception {
        server = new E2eServer();
        proxy = new RecordingProxy(server.url(""));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        server.close();
    }

    @BeforeEach
    void browser() {
        proxy.clearRewrites();
        driver = Chromium.start();
        tandem = new BrowserTandem(driver);
    }

    @AfterEach
    void quit() {
        driver.quit();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsProgressStoresByVersionAndReadsTheCacheNextTime() {
        driver.get(server.url("/index.html"));
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const events = [];
                  const t0 = performance.now();
                  const m = await t.load('mnist-cnn', { device: 'wasm', onProgress: p => events.push(p) });
                  const cold = performance.now() - t0;
                  const first = { storage: m.storage, info: m.loadInfo, device: m.device };
                  await m.close();
                  const events2 = [];
                  const t1 = performance.now();
                  const m2 = await t.load('mnist-cnn', { device: 'wasm', onProgress: p => events2.push(p) });
                  const warm = performance.now() - t1;
                  const p = await m2.predict({ width: 28, height: 28, data: new Uint8Array(28 * 28 * 4).fill(255) });
                  %s
                  return { events, events2, first, second: { storage: m2.storage, info: m2.loadInfo }, cold, warm,
                           keys: await keys(), ran: p.device };
                })().then(done, e => tandemFail(done, e));
                async function keys() { %s }
                """.formatted("", CACHE_KEYS));
        List<Map<String, Object>> events = (List<Map<String, Object>>) r.get("events");
        assertThat(events).isNotEmpty();
        double lastLoaded = -1;
        for (Map<String, Object> e : events) {
            double loaded = ((Number) e.get("loaded")).doubleValue();
            assertThat(loaded).isGreaterThanOrEqualTo(lastLoaded);
            lastLoaded = loaded;
            assertThat(((Number) e.get("total")).longValue()).isEqualTo(BYTES);
        }
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(((Number) last.get("loaded")).longValue()).isEqualTo(BYTES);
        assertThat(((Number) last.get("percent")).doubleValue()).isEqualTo(100.0);
        assertThat(last.get("file")).isEqualTo(WASM_FILE.path());
        Map<String, Object> first = (Map<String, Object>) r.get("first");
        assertThat(first.get("storage")).isEqualTo("cache");
        assertThat(((Number) ((Map<String, Object>) first.get("info")).get("networkBytes")).longValue()).isEqualTo(BYTES);
        Map<String, Object> second = (Map<String, Object>) r.get("second");
        Map<String, Object> info2 = (Map<String, Object>) second.get("info");
        assertThat(((Number) info2.get("networkBytes")).longValue()).as("warm load reads the cache").isZero();
        assertThat(((Number) info2.get("cacheBytes")).longValue()).isEqualTo(BYTES);
        List<Map<String, Object>> events2 = (List<Map<String, Object>>) r.get("events2");
        assertThat(events2).anySatisfy(e -> assertThat(e.get("fromCache")).isEqualTo(true));
        assertThat((List<String>) r.get("keys")).anySatisfy(k -> assertThat(k).endsWith(MODEL + "?v=1.0.0"));
        assertThat(r.get("ran")).isEqualTo("wasm");
        Report.line(String.format("mnist-cnn load (wasm, fresh profile, %s): cold %.0f ms (%,d bytes downloaded, sha256 checked, stored), "
                + "warm %.0f ms (from Cache Storage, sha256 checked)", WASM_FILE.path(), ((Number) r.get("cold")).doubleValue(), BYTES,
                ((Number) r.get("warm")).doubleValue()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTamperedModelIsRefusedAndNothingIsCached() {
        proxy.rewrite(MODEL, bytes -> {
            byte[] out = bytes.clone();
            out[out.length / 2] ^= 0x5A;
            return out;
        });
        driver.get(proxy.url("/index.html"));
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  let rejection = null;
                  try {
                    await t.load('mnist-cnn', { device: 'auto' });
                  } catch (e) {
                    rejection = { name: e.name, code: e.code, message: e.message };
                  }
                  return { rejection, keys: await keys() };
                })().then(done, e => tandemFail(done, e));
                async function keys() { %s }
                """.formatted(CACHE_KEYS));
        Map<String, Object> error = (Map<String, Object>) r.get("rejection");
        assertThat(error).as("load must reject").isNotNull();
        assertThat(error.get("name")).isEqualTo("TandemError");
        assertThat(error.get("code")).isEqualTo("integrity");
        assertThat((String) error.get("message")).contains(WASM_FILE.path(), "integrity check failed",
                "expected sha256 " + WASM_FILE.sha256().substring(0, 8), "not used and not stored");
        assertThat((List<String>) r.get("keys")).noneSatisfy(k -> assertThat(k).contains(WASM_FILE.path()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewVersionEvictsTheOldOne() {
        driver.get(proxy.url("/index.html"));
        String script = """
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', { device: 'wasm' });
                  await m.close();
                  return { version: m.manifest.version, notes: m.notes, keys: await keys() };
                })().then(done, e => tandemFail(done, e));
                async function keys() { %s }
                """.formatted(CACHE_KEYS);
        Map<String, Object> v1 = (Map<String, Object>) tandem.run(script);
        assertThat((List<String>) v1.get("keys")).anySatisfy(k -> assertThat(k).endsWith(MODEL + "?v=1.0.0"));
        proxy.rewrite(MANIFEST, bytes -> new String(bytes, StandardCharsets.UTF_8)
                .replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\"").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> v2 = (Map<String, Object>) tandem.run(script);
        assertThat(v2.get("version")).isEqualTo("1.0.1");
        List<String> keys = (List<String>) v2.get("keys");
        assertThat(keys).anySatisfy(k -> assertThat(k).endsWith(MODEL + "?v=1.0.1"));
        assertThat(keys).noneSatisfy(k -> assertThat(k).endsWith(MODEL + "?v=1.0.0"));
        assertThat((List<String>) v2.get("notes")).anySatisfy(n -> assertThat(n).contains("evicted"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheQuotaIsExceededTheModelRunsFromMemoryAndSaysSo() {
        driver.get(server.url("/index.html"));
        driver.executeCdpCommand("Storage.overrideQuotaForOrigin", Map.of("origin", server.url(""), "quotaSize", 20_000));
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', { device: 'wasm' });
                  const p = await m.predict({ width: 28, height: 28, data: new Uint8Array(28 * 28 * 4).fill(255) });
                  return { storage: m.storage, notes: m.notes, device: p.device, keys: await keys() };
                })().then(done, e => tandemFail(done, e));
                async function keys() { %s }
                """.formatted(CACHE_KEYS));
        assertThat(r.get("storage")).isEqualTo("memory");
        assertThat((List<String>) r.get("notes")).anySatisfy(n -> assertThat(n).contains("quota exceeded", "kept in memory"));
        assertThat(r.get("device")).isEqualTo("wasm");
        assertThat((List<String>) r.get("keys")).noneSatisfy(k -> assertThat(k).contains(WASM_FILE.path()));
    }

    private static BundleFile wasmFile() {
        try {
            Manifest m = Manifest.parse(Files.readString(E2eServer.modelsDir().resolve("mnist-cnn/manifest.json")));
            return m.variantFor("wasm").file();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
