package io.tandem.e2e;

import io.tandem.converter.Progress;
import io.tandem.converter.optimize.GraphOptimizer;
import io.tandem.converter.optimize.ModelFormat;
import io.tandem.converter.optimize.OptimizeLevel;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every variant the converter produces loads and runs in ONNX Runtime Web's WASM build in headless
 * Chromium: each variant file of each bundle (fp32, int8, fp16) and optimised copies of mnist-cnn
 * made here by the converter's {@code optimize} code (.onnx and .ort), each run once on a made-up
 * input of the manifest's shapes (batch 1, sequence 8) with the output shape and finiteness checked.
 * Raw ORT Web, not the client: this is about the files. The client's {@code variant} option is
 * checked at the end.
 */
class VariantsLoadInBrowserTest extends ServerAndBrowserTest {
    private static final String[] BUNDLES = {"mnist-cnn", "minilm-l6-v2"};
    /** Loads a model (bytes from a URL, or base64) in ORT Web wasm, runs it once, reports shape and finiteness. */
    private static final String RUN = """
            const [source, inputs, outputName, done] = arguments;
            (async () => {
              const ort = await import('/ort/ort.wasm.min.mjs');
              ort.env.wasm.wasmPaths = new URL('/ort/', location.href).href;
              ort.env.wasm.numThreads = 1;
              ort.env.logLevel = 'error';
              const bytes = source.url
                ? new Uint8Array(await (await fetch(source.url)).arrayBuffer())
                : Uint8Array.from(atob(source.base64), c => c.charCodeAt(0));
              let session;
              try {
                session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
              } catch (e) {
                return { loaded: false, error: String(e && e.message || e) };
              }
              const feeds = {};
              for (const i of inputs) {
                const n = i.dims.reduce((a, b) => a * b, 1);
                const data = i.dtype === 'int64'
                  ? BigInt64Array.from({ length: n }, (_, k) => BigInt(i.name.includes('mask') ? 1 : i.name.includes('type') ? 0 : 100 + k))
                  : Float32Array.from({ length: n }, (_, k) => Math.sin(k * 0.37));
                feeds[i.name] = new ort.Tensor(i.dtype, data, i.dims);
              }
              try {
                const out = (await session.run(feeds))[outputName];
                const finite = Array.from(out.data).every(Number.isFinite);
                return { loaded: true, ran: true, dims: Array.from(out.dims), finite, type: out.type };
              } catch (e) {
                return { loaded: true, ran: false, error: String(e && e.message || e) };
              } finally {
                await session.release();
              }
            })().then(done, e => tandemFail(done, e));
            """;


    @BeforeAll
    static void openStartPage() {
        driver.get(server.url("/index.html"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariantOfEveryBundleRunsInOrtWebWasm() throws IOException {
        List<String> seen = new ArrayList<>();
        for (String id : BUNDLES) {
            Manifest m = manifest(id);
            for (Variant v : m.variants()) {
                Map<String, Object> r = run(m, Map.of("url", "/models/" + id + "/" + v.file().path()));
                String what = id + " " + v.name() + " (" + v.file().path() + ")";
                Report.line(String.format("ORT Web wasm runs %s: %s", what, r));
                assertThat(r.get("loaded")).as(what + " loads: " + r.get("error")).isEqualTo(true);
                assertThat(r.get("ran")).as(what + " runs: " + r.get("error")).isEqualTo(true);
                assertShape(what, m, (List<Object>) r.get("dims"));
                assertThat(r.get("finite")).as(what + " gives finite values").isEqualTo(true);
                seen.add(id + "/" + v.name());
            }
        }
        // fp16 on wasm: ORT's CPU kernels are mostly float32-only; onnxruntime inserts Casts around them, so it runs.
        assertThat(seen).contains("mnist-cnn/fp32", "mnist-cnn/int8", "minilm-l6-v2/fp32", "minilm-l6-v2/int8", "minilm-l6-v2/fp16");
    }

    @Test
    @SuppressWarnings("unchecked")
    void optimisedOnnxAndOrtFormatVariantsRunInOrtWebWasm() throws IOException {
        Manifest m = manifest("mnist-cnn");
        byte[] fp32 = Files.readAllBytes(E2eServer.modelsDir().resolve("mnist-cnn").resolve(m.variant("fp32").file().path()));
        for (OptimizeLevel level : OptimizeLevel.values()) {
            for (ModelFormat format : ModelFormat.values()) {
                GraphOptimizer.Result opt = GraphOptimizer.run(fp32, "mnist-cnn fp32", level, format, Progress.silent());
                String what = "mnist-cnn optimised " + level.wireName() + " " + format.wireName();
                Map<String, Object> r = run(m, Map.of("base64", Base64.getEncoder().encodeToString(opt.bytes())));
                Report.line(String.format("ORT Web wasm runs %s (%,d bytes): %s", what, opt.bytes().length, r));
                assertThat(r.get("loaded")).as(what + " loads: " + r.get("error")).isEqualTo(true);
                assertThat(r.get("ran")).as(what + " runs: " + r.get("error")).isEqualTo(true);
                assertShape(what, m, (List<Object>) r.get("dims"));
                assertThat(r.get("finite")).as(what + " gives finite values").isEqualTo(true);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClientRunsTheVariantAskedForAndRefusesOnesItCannot() {
        // A fresh page: ORT Web keeps its first session's settings per page, and the raw runs above set their own.
        driver.get(server.url("/index.html"));
        Map<String, Object> r = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const byDefault = await t.load('mnist-cnn', { device: 'wasm' });
                  const fp32 = await t.load('mnist-cnn', { device: 'wasm', variant: 'fp32' });
                  const server = await t.load('mnist-cnn', { device: 'server' });
                  const out = { byDefault: byDefault.variant, fp32: fp32.variant, server: server.variant };
                  for (const [key, options] of [['unknown', { device: 'wasm', variant: 'fp8' }],
                                                ['wrongDevice', { device: 'wasm', variant: 'fp16' }]]) {
                    try {
                      await t.load('minilm-l6-v2', options);
                      out[key] = 'loaded';
                    } catch (e) {
                      out[key] = { code: e.code, message: e.message };
                    }
                  }
                  return out;
                })().then(done, e => tandemFail(done, e));
                """);
        assertThat(r.get("byDefault")).isEqualTo("int8");
        assertThat(r.get("fp32")).isEqualTo("fp32");
        assertThat(r.get("server")).isEqualTo("fp32");
        Map<String, Object> unknown = (Map<String, Object>) r.get("unknown");
        assertThat(unknown.get("code")).isEqualTo("no_variant");
        assertThat((String) unknown.get("message")).contains("bundle 'minilm-l6-v2' has no variant 'fp8'", "[int8, fp16, fp32-fused, int8-server, fp32]");
        Map<String, Object> wrong = (Map<String, Object>) r.get("wrongDevice");
        assertThat(wrong.get("code")).isEqualTo("no_variant");
        assertThat((String) wrong.get("message")).contains("variant 'fp16' of bundle 'minilm-l6-v2' is not meant for wasm (its devices: webgpu)");
    }

    private static Map<String, Object> run(Manifest m, Map<String, Object> source) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (TensorSpec t : m.inputs()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", t.name());
            i.put("dtype", t.dtype().wireName());
            i.put("dims", dims(t, 8));
            inputs.add(i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) tandem.run(RUN, source, inputs, m.outputs().get(0).name());
        return r;
    }

    /** The manifest's shape with batch 1 and every other symbolic dimension {@code free}. */
    private static List<Long> dims(TensorSpec t, long free) {
        List<Long> out = new ArrayList<>();
        List<Object> shape = t.dims();
        for (int k = 0; k < shape.size(); k++) {
            Object d = shape.get(k);
            out.add(d instanceof Number n ? n.longValue() : k == 0 ? 1L : free);
        }
        return out;
    }

    private static void assertShape(String what, Manifest m, List<Object> dims) {
        List<Long> expected = dims(m.outputs().get(0), 8);
        assertThat(dims).as(what + " output shape").hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(((Number) dims.get(k)).longValue()).as(what + " output dim " + k).isEqualTo(expected.get(k));
        }
    }

    private static Manifest manifest(String id) throws IOException {
        Path dir = E2eServer.modelsDir().resolve(id);
        return Manifest.parse(Files.readString(dir.resolve("manifest.json")));
    }
}
