package io.tandem.converter;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.OnnxFile;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.quant.ModelQuantizer;
import io.tandem.converter.quant.QuantMath;
import io.tandem.converter.quant.QuantizeOptions;
import io.tandem.converter.quant.WeightRange;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiny graphs with known weights → quantize → run → compare with exact arithmetic. Each weight range
 * runs on the engine it is for: full-range int8 in ONNX Runtime Web (the browser's; onnxruntime's
 * native u8×s8 kernel saturates on x86 without VNNI, so there it would measure the CPU, not the
 * quantiser), uint8 and 7-bit weights in onnxruntime Java, where they are exact on every CPU.
 */
class QuantizeRoundTripTest {
    private static final int K = 16;
    private static final int N = 6;
    private static final int BATCH = 3;

    /** Each weight range with the engine it is written for. */
    static Stream<Arguments> rangesOnTheirEngines() {
        return Stream.of(Arguments.of(WeightRange.FULL, Engine.WEB), Arguments.of(WeightRange.UNSIGNED, Engine.JAVA),
                Arguments.of(WeightRange.REDUCED, Engine.JAVA));
    }

    @ParameterizedTest(name = "{0} weights on {1}")
    @MethodSource("rangesOnTheirEngines")
    void matMulStaysWithinTheQuantisationErrorBound(WeightRange range, Engine engine) {
        float[] w = QuantModels.weights(K, N);
        float[] x = input();
        byte[] int8 = quantize(QuantModels.matMul(w, K, N, 13), QuantizeOptions.defaults().withWeightRange(range));
        float[] y = run(engine, int8, x);
        float[] exact = matMul(x, w);
        float[] bound = errorBound(x, w, QuantMath.perColumn(w, K, N, true, range.qmin(), range.qmax()));
        for (int i = 0; i < exact.length; i++) {
            assertThat(Math.abs(y[i] - exact[i])).as("output %d", i).isLessThanOrEqualTo(bound[i]);
        }
        // The graph is what we meant: standard integer ops, the fp32 weight gone.
        assertThat(OnnxModelReader.read(int8, "int8").operators())
                .containsKeys("DynamicQuantizeLinear", "MatMulInteger").doesNotContainKey("MatMul");
    }

    @Test
    void sevenBitWeightsStayWithinPlusMinus63AndUnsignedOnesAreUint8AroundZeroPoint128() {
        float[] w = QuantModels.weights(K, N);
        Initializer reduced = weightOf(quantize(QuantModels.matMul(w, K, N, 13), QuantizeOptions.defaults().withWeightRange(WeightRange.REDUCED)));
        assertThat(reduced.dataType()).isEqualTo(Initializer.INT8);
        byte[] q = reduced.rawBytes();
        int maxAbs = 0;
        for (byte b : q) {
            maxAbs = Math.max(maxAbs, Math.abs(b));
        }
        // 255 · 63 · 2 = 32,130 fits VPMADDUBSW's int16 pair sum; 127 would not.
        assertThat(maxAbs).isEqualTo(63);

        OnnxFile unsigned = OnnxFile.read(quantize(QuantModels.matMul(w, K, N, 13), QuantizeOptions.defaults().withWeightRange(WeightRange.UNSIGNED)), "u8");
        Initializer u = unsigned.graph().initializers().stream().filter(i -> i.name().endsWith("_Wq")).findFirst().orElseThrow();
        Initializer z = unsigned.graph().initializers().stream().filter(i -> i.name().endsWith("_Wz")).findFirst().orElseThrow();
        assertThat(u.dataType()).isEqualTo(Initializer.UINT8);
        assertThat(z.dataType()).isEqualTo(Initializer.UINT8);
        for (byte b : z.rawBytes()) {
            assertThat(b & 0xFF).isEqualTo(128);
        }
        // The same grid as full-range int8, shifted: no precision is lost.
        byte[] full = weightOf(quantize(QuantModels.matMul(w, K, N, 13), QuantizeOptions.defaults())).rawBytes();
        for (int i = 0; i < full.length; i++) {
            assertThat((u.rawBytes()[i] & 0xFF) - 128).isEqualTo(full[i]);
        }
    }

    static Stream<Arguments> exactRangesOnTheirEngines() {
        return Stream.of(Arguments.of(WeightRange.FULL, Engine.WEB), Arguments.of(WeightRange.UNSIGNED, Engine.JAVA));
    }

    @ParameterizedTest(name = "{0} weights on {1}")
    @MethodSource("exactRangesOnTheirEngines")
    void perChannelBeatsPerTensorWhenColumnsDifferInScale(WeightRange range, Engine engine) {
        float[] w = QuantModels.weights(K, N);
        float[] x = input();
        float[] exact = matMul(x, w);
        QuantizeOptions perTensor = new QuantizeOptions(QuantizeOptions.SUPPORTED_OPS, Set.of(), false, true, 0, true, range);
        float[] a = run(engine, quantize(QuantModels.matMul(w, K, N, 13), QuantizeOptions.defaults().withWeightRange(range)), x);
        float[] b = run(engine, quantize(QuantModels.matMul(w, K, N, 13), perTensor), x);
        // Column 0 has the smallest weights: per tensor it gets the largest column's step (6× coarser).
        assertThat(columnError(a, exact, 0)).isLessThan(columnError(b, exact, 0));
    }

    @ParameterizedTest(name = "{0} weights on {1}")
    @MethodSource("exactRangesOnTheirEngines")
    void asymmetricWeightsAlsoRoundTrip(WeightRange range, Engine engine) {
        float[] w = QuantModels.weights(K, N);
        float[] x = input();
        QuantizeOptions asym = new QuantizeOptions(QuantizeOptions.SUPPORTED_OPS, Set.of(), true, false, 0, true, range);
        float[] y = run(engine, quantize(QuantModels.matMul(w, K, N, 13), asym), x);
        assertThat(maxError(y, matMul(x, w))).isLessThan(0.02f * maxAbs(matMul(x, w)));
    }

    @ParameterizedTest(name = "{0} weights on {1}")
    @MethodSource("exactRangesOnTheirEngines")
    void gemmWithTransposedWeightAlphaAndBetaRoundTrips(WeightRange range, Engine engine) {
        float[] b = QuantModels.weights(N, K); // [n, k], transB = 1
        float[] c = {0.1f, -0.2f, 0.3f, 0f, 1f, -1f};
        float[] x = input();
        float[] y = run(engine, quantize(QuantModels.gemm(b, c, K, N), QuantizeOptions.defaults().withWeightRange(range)), x);
        float[] exact = matMul(x, QuantMath.transpose(b, N, K));
        for (int i = 0; i < exact.length; i++) {
            exact[i] = 0.5f * exact[i] + 2f * c[i % N];
        }
        assertThat(maxError(y, exact)).isLessThan(0.02f * maxAbs(exact));
    }

    @Test
    void embeddingTableRoundTripsRowByRow() throws OrtException {
        int rows = 300;
        int cols = 8;
        float[] e = QuantModels.weights(rows, cols);
        QuantizeOptions opts = new QuantizeOptions(QuantizeOptions.SUPPORTED_OPS, Set.of(), true, true, 0, true);
        byte[] int8 = quantize(QuantModels.gather(e, rows, cols), opts);
        long[] ids = {0, 7, 299, 42};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(int8, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OrtSession.Result r = s.run(Map.of("ids", t))) {
            float[] y = ((OnnxTensor) r.get(0)).getFloatBuffer().array();
            QuantMath.Params[] p = QuantMath.perColumn(e, rows, cols, true);
            for (int i = 0; i < ids.length; i++) {
                for (int j = 0; j < cols; j++) {
                    float expected = e[(int) ids[i] * cols + j];
                    assertThat(Math.abs(y[i * cols + j] - expected)).isLessThanOrEqualTo(p[j].scale() / 2 + 1e-7f);
                }
            }
        }
    }

    @Test
    void fp16KeepsFloatInputsAndOutputsAndIsClose() {
        float[] w = QuantModels.weights(K, N);
        float[] x = input();
        byte[] fp16 = ModelQuantizer.run(QuantModels.matMul(w, K, N, 13), "tiny", ModelQuantizer.Precision.FP16,
                QuantizeOptions.defaults(), io.tandem.converter.Progress.silent()).bytes();
        float[] y = run(Engine.JAVA, fp16, x);
        assertThat(maxError(y, matMul(x, w))).isLessThan(0.005f * maxAbs(matMul(x, w)));
        assertThat(OnnxModelReader.read(fp16, "fp16").inputs().get(0).elementType().wireName()).isEqualTo("float32");
    }

    @Test
    void oldOpsetIsRaisedTo11WhenEveryOperatorMeansTheSame() {
        float[] w = QuantModels.weights(K, N);
        byte[] int8 = quantize(QuantModels.matMul(w, K, N, 9), QuantizeOptions.defaults());
        assertThat(OnnxFile.read(int8, "int8").opset()).isEqualTo(11);
    }

    @Test
    void readingAndWritingWithoutEditsGivesTheSameBytes() throws Exception {
        byte[] mnist;
        try (var in = getClass().getResourceAsStream("/org/tribuo/interop/onnx/cnn_mnist.onnx")) {
            mnist = in.readAllBytes();
        }
        assertThat(OnnxFile.read(mnist, "mnist").toBytes()).isEqualTo(mnist);
        byte[] text = TinyModels.textModel();
        assertThat(OnnxFile.read(text, "text").toBytes()).isEqualTo(text);
    }

    static byte[] quantize(byte[] model, QuantizeOptions options) {
        return ModelQuantizer.run(model, "tiny", ModelQuantizer.Precision.INT8, options, io.tandem.converter.Progress.silent()).bytes();
    }

    private static float[] input() {
        float[] x = new float[BATCH * K];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.77) * 2f - 0.3f;
        }
        return x;
    }

    private static float[] matMul(float[] x, float[] w) {
        float[] y = new float[BATCH * N];
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < K; k++) {
                    s += (double) x[b * K + k] * w[k * N + j];
                }
                y[b * N + j] = (float) s;
            }
        }
        return y;
    }

    /**
     * |y - ŷ| ≤ Σ_k (|x_k|·sw/2 + |w_kj|·sx/2 + sx·sw/4): each factor is off by at most half its
     * step (sx: DynamicQuantizeLinear's uint8 step over [min(x,0), max(x,0)]; sw: the column's).
     */
    private static float[] errorBound(float[] x, float[] w, QuantMath.Params[] p) {
        float min = 0;
        float max = 0;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float sx = (max - min) / 255f;
        float[] bound = new float[BATCH * N];
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                float sw = p[j].scale();
                for (int k = 0; k < K; k++) {
                    s += Math.abs(x[b * K + k]) * sw / 2 + Math.abs(w[k * N + j]) * sx / 2 + sx * sw / 4;
                }
                bound[b * N + j] = (float) s * 1.001f + 1e-6f;
            }
        }
        return bound;
    }

    private static float[] run(Engine engine, byte[] model, float[] x) {
        try (ModelRunner m = engine.open(model, "tiny")) {
            return m.run(Map.of("x", Tensor.ofFloats(new int[] {BATCH, K}, x))).values().iterator().next().floats();
        }
    }

    private static Initializer weightOf(byte[] model) {
        return OnnxFile.read(model, "int8").graph().initializers().stream().filter(i -> i.name().endsWith("_Wq")).findFirst().orElseThrow();
    }

    private static double columnError(float[] a, float[] b, int column) {
        double sum = 0;
        for (int i = column; i < a.length; i += N) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    private static float maxError(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
