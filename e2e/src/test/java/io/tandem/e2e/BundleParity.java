package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the parity tests of the newer bundles share: one browser pass that returns, for each input,
 * the tensors the page's pipeline made (exact bits) and the prediction on them; the bit-for-bit
 * comparison with the JVM's tensors; and the server's {@code /predict}.
 */
final class BundleParity {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** load(id, options) once; for each input prepare() then predict() on the same value; close. */
    static final String PREPARE_AND_PREDICT = """
            const [id, options, inputs, done] = arguments;
            (async () => {
              const t = await import('/tandem.js');
              const m = await t.load(id, options);
              const out = [];
              for (const input of inputs) {
                const x = tandemDecode(input);
                const feeds = await m.prepare(x);
                const tensors = {};
                for (const name of Object.keys(feeds)) tensors[name] = tandemBits(feeds[name]);
                const r = await m.predict(x);
                out.push({ tensors, output: r.output, device: r.device, variant: m.variant });
              }
              await m.close();
              return out;
            })().then(done, e => tandemFail(done, e));
            """;

    private BundleParity() {
    }

    /** One input's result in the browser: its tensors as exact integers, and predict's output. */
    record BrowserResult(Map<String, Map<String, Object>> tensors, Object output, String device, String variant) {
        /** The int64 tensor's values (token ids, mask). */
        long[] longs(String name) {
            List<?> values = (List<?>) tensors.get(name).get("values");
            long[] out = new long[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) values.get(i)).longValue();
            }
            return out;
        }

        float[] embedding() {
            return floats((List<?>) output);
        }
    }

    /** The browser on wasm (fp32: the only variant these bundles have) for every input, in one page session. */
    @SuppressWarnings("unchecked")
    static List<BrowserResult> browser(BrowserTandem tandem, String id, List<?> inputs) {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) tandem.run(PREPARE_AND_PREDICT, id, Map.of("device", "wasm"), inputs);
        assertThat(raw).hasSize(inputs.size());
        return raw.stream().map(r -> {
            assertThat(r.get("device")).isEqualTo("wasm");
            assertThat(r.get("variant")).isEqualTo("fp32");
            return new BrowserResult((Map<String, Map<String, Object>>) r.get("tensors"), r.get("output"),
                    (String) r.get("device"), (String) r.get("variant"));
        }).toList();
    }

    /** The browser's tensors equal the JVM's: same names, dtype, dims and every value's bits. Returns how many values. */
    static long assertSameBits(String what, Map<String, Tensor> expected, Map<String, Map<String, Object>> actual) {
        assertThat(actual.keySet()).as(what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        long n = 0;
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = e.getValue();
            Map<String, Object> b = actual.get(e.getKey());
            assertThat(b.get("dtype")).as(what).isEqualTo(t.dtype().wireName());
            List<?> dims = (List<?>) b.get("dims");
            int[] shape = t.shape();
            assertThat(dims).as(what + " dims").hasSize(shape.length);
            for (int k = 0; k < shape.length; k++) {
                assertThat(((Number) dims.get(k)).intValue()).as(what + " dim " + k).isEqualTo(shape[k]);
            }
            List<?> values = (List<?>) b.get("values");
            assertThat(values).as(what).hasSize(t.size());
            for (int k = 0; k < values.size(); k++) {
                long got = ((Number) values.get(k)).longValue();
                long want = t.dtype() == DType.FLOAT32 ? Integer.toUnsignedLong(Float.floatToRawIntBits(t.floats()[k])) : t.longs()[k];
                if (got != want) {
                    throw new AssertionError(what + ": " + e.getKey() + "[" + k + "] differs: browser " + describe(t.dtype(), got)
                            + ", JVM " + describe(t.dtype(), want));
                }
            }
            n += values.size();
        }
        return n;
    }

    private static String describe(DType dtype, long v) {
        return dtype == DType.FLOAT32 ? Float.intBitsToFloat((int) v) + " (bits " + Long.toHexString(v) + ")" : Long.toString(v);
    }

    /** POST /api/v1/models/{id}/predict with {"input": input}: the output, after checking it ran on the server. */
    static JsonNode serverPredict(E2eServer server, String id, Object input) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("input", input);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/models/" + id + "/predict")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.get("device").asText()).isEqualTo("server");
        return json.get("output");
    }

    static float[] floats(List<?> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    static float[] floatsOf(Object jsonReady) {
        return floats((JsonNode) JSON.valueToTree(jsonReady));
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
