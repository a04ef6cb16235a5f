package io.tandem.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JS API as a careless or hostile page calls it, in headless Chromium: every bad call to
 * {@code load()} and {@code predict()} rejects with one of the documented codes and a sentence a
 * person understands — never {@code internal}, a TypeError, a Java class name or a stack — and the
 * page can still load and predict afterwards.
 */
class JsApiBadInputTest extends ServerAndBrowserTest {
    /** Each case: a name and a JS expression (with {@code t}, the module, and {@code m}, a loaded wasm model) that must reject. */
    private static final String[][] CASES = {
        {"load() with no arguments", "t.load()"},
        {"a number for an id", "t.load(42)"},
        {"an object for an id", "t.load({ id: 'mnist-cnn' })"},
        {"null for an id", "t.load(null)"},
        {"an empty id", "t.load('')"},
        {"an unknown id", "t.load('nope')"},
        {"a path for an id", "t.load('../../etc/passwd')"},
        {"a URL for an id", "t.load('https://example.com/model')"},
        {"a 100,000-character id", "t.load('x'.repeat(100000))"},
        {"a string for the options", "t.load('mnist-cnn', 'wasm')"},
        {"an array for the options", "t.load('mnist-cnn', ['wasm'])"},
        {"threads: 'many'", "t.load('mnist-cnn', { device: 'wasm', threads: 'many' })"},
        {"threads: 0", "t.load('mnist-cnn', { device: 'wasm', threads: 0 })"},
        {"threads: 1.5", "t.load('mnist-cnn', { device: 'wasm', threads: 1.5 })"},
        {"threads: 1e9", "t.load('mnist-cnn', { device: 'wasm', threads: 1e9 })"},
        {"a misspelt option", "t.load('mnist-cnn', { device: 'wasm', thread: 2 })"},
        {"an unknown device", "t.load('mnist-cnn', { device: 'gpu' })"},
        {"a number for the device", "t.load('mnist-cnn', { device: 1 })"},
        {"fallback: 'no'", "t.load('mnist-cnn', { device: 'wasm', fallback: 'no' })"},
        {"onProgress that is not a function", "t.load('mnist-cnn', { device: 'wasm', onProgress: 5 })"},
        {"a number for the variant", "t.load('mnist-cnn', { device: 'wasm', variant: 8 })"},
        {"an unknown variant", "t.load('mnist-cnn', { device: 'wasm', variant: 'fp8' })"},
        {"shareStatsEvery: 0", "t.load('mnist-cnn', { device: 'wasm', shareStatsEvery: 0 })"},
        {"shareStats: 'yes'", "t.load('mnist-cnn', { device: 'wasm', shareStats: 'yes' })"},
        {"worker: 1", "t.load('mnist-cnn', { device: 'wasm', worker: 1 })"},
        {"predict() with nothing", "m.predict()"},
        {"predict(null)", "m.predict(null)"},
        {"predict(a number)", "m.predict(42)"},
        {"predict(a string) on an image model", "m.predict('a digit')"},
        {"predict(an empty object)", "m.predict({})"},
        {"predict(an array)", "m.predict([1, 2, 3])"},
        {"predict(an image of 0×0)", "m.predict({ width: 0, height: 0, data: new Uint8ClampedArray(0) })"},
        {"predict(an image whose data is too short)", "m.predict({ width: 28, height: 28, data: new Uint8ClampedArray(10) })"},
    };

    @BeforeAll
    static void openAPage() {
        driver.get(server.url("/index.html"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBadCallRejectsWithADocumentedCodeAndASentence() {
        // The cases become functions in the test's own script: the page's policy forbids eval, rightly.
        StringBuilder cases = new StringBuilder("const cases = [\n");
        for (String[] c : CASES) {
            cases.append("  [").append(jsString(c[0])).append(", (t, m) => ").append(c[1]).append("],\n");
        }
        cases.append("];\n");
        List<Map<String, Object>> results = (List<Map<String, Object>>) tandem.run(cases + """
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', { device: 'wasm' });
                  const out = [];
                  for (const [name, call] of cases) {
                    try {
                      await call(t, m);
                      out.push({ name, resolved: true });
                    } catch (e) {
                      out.push({ name, code: e && e.code, message: String(e && e.message), type: e && e.name });
                    }
                  }
                  // Still usable afterwards: a good load and a good prediction.
                  const again = await t.load('mnist-cnn', { device: 'wasm' });
                  const r = await again.predict(new ImageData(28, 28));
                  out.push({ name: 'afterwards', ok: Array.isArray(r.output) && r.device === 'wasm' });
                  return out;
                })().then(done, e => tandemFail(done, e));
                """);
        List<String> codes = List.of("invalid_argument", "invalid_input", "not_found", "no_variant", "bad_bundle");
        for (Map<String, Object> r : results.subList(0, CASES.length)) {
            String name = (String) r.get("name");
            Report.line("js api bad input: " + name + " → " + r.get("code") + ": " + r.get("message"));
            assertThat(r.get("resolved")).as(name + " must reject").isNull();
            assertThat((String) r.get("code")).as(name + ": code").isIn(codes);
            assertThat((String) r.get("message")).as(name + ": message")
                    .isNotBlank().hasSizeLessThan(400)
                    .doesNotContain("TypeError", "Exception", "java.", "io.tandem", "undefined is not", "$")
                    .doesNotContainPattern("\\bat \\S+:\\d+");
            assertThat(r.get("type")).as(name).isEqualTo("TandemError");
        }
        assertThat(results.get(CASES.length).get("ok")).as("the page still loads and predicts").isEqualTo(true);
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
