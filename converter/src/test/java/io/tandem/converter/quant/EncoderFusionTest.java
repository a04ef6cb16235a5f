package io.tandem.converter.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.Progress;
import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.Node;
import io.tandem.converter.onnx.OnnxFile;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder fusions on {@link TinyEncoder}: exact in fp32 (mask and padding included), taken by the
 * int8 quantiser, and refused whenever the block is not exactly what the fused kernels compute.
 */
class EncoderFusionTest {
    private static final int BATCH = 2;
    private static final int SEQ = 5;
    /** The second row is padded: its last two positions are masked out. */
    private static final long[] MASK = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};

    @Test
    void fusedFp32BlockComputesWhatTheExportedNodesCompute() throws OrtException {
        byte[] exported = TinyEncoder.model(TinyEncoder.Variant.exported());
        OnnxFile model = OnnxFile.read(exported, "tiny");

        assertThat(AttentionFusion.fuse(model, Set.of())).isEqualTo(1);
        assertThat(SkipLayerNormFusion.fuse(model)).isEqualTo(1);

        assertThat(opTypes(model)).containsExactlyInAnyOrder("Cast", "Attention", "MatMul", "Add", "SkipLayerNormalization");
        float[] expected = run(exported);
        float[] fused = run(model.toBytes());
        assertThat(maxDifference(expected, fused)).isLessThan(1e-5f);
    }

    @Test
    void int8QuantisationFusesTheEncoderAndStaysCloseToFp32() throws OrtException {
        byte[] exported = TinyEncoder.model(TinyEncoder.Variant.exported());
        ModelQuantizer.Result fused = ModelQuantizer.run(exported, "tiny", ModelQuantizer.Precision.INT8, QuantizeOptions.defaults(),
                Progress.silent());
        QuantizeOptions standard = new QuantizeOptions(QuantizeOptions.SUPPORTED_OPS, Set.of(), true, true, 65_536, false);
        ModelQuantizer.Result plain = ModelQuantizer.run(exported, "tiny", ModelQuantizer.Precision.INT8, standard, Progress.silent());

        assertThat(fused.summary()).contains("1 QAttention, 1 SkipLayerNormalization");
        assertThat(opTypes(OnnxFile.read(fused.bytes(), "fused"))).contains("QAttention", "SkipLayerNormalization")
                .doesNotContain("Softmax", "ReduceMean");
        assertThat(opTypes(OnnxFile.read(plain.bytes(), "plain"))).doesNotContain("QAttention", "SkipLayerNormalization");
        float[] fp32 = run(exported);
        // Outputs are layer-normalised (about unit scale): int8 error stays a small fraction of that. Full-range
        // int8 is the browser's, so it runs in ORT Web (onnxruntime's native u8×s8 kernel saturates without VNNI);
        // the server's uint8 weights run in onnxruntime Java, exact on every CPU.
        assertThat(maxDifference(fp32, run(Engine.WEB, fused.bytes()))).isLessThan(0.1f);
        assertThat(maxDifference(fp32, run(Engine.WEB, plain.bytes()))).isLessThan(0.1f);
        ModelQuantizer.Result server = ModelQuantizer.run(exported, "tiny", ModelQuantizer.Precision.INT8,
                QuantizeOptions.defaults().withWeightRange(WeightRange.UNSIGNED), Progress.silent());
        assertThat(opTypes(OnnxFile.read(server.bytes(), "server"))).contains("QAttention", "SkipLayerNormalization");
        assertThat(maxDifference(fp32, run(Engine.JAVA, server.bytes()))).isLessThan(0.1f);
    }

    @Test
    void aScaleOtherThanOneOverSquareRootOfTheHeadSizeIsNotFused() {
        assertLeftAsItWas(new TinyEncoder.Variant(3f, false));
    }

    @Test
    void aBlockWhoseIntermediateIsReadElsewhereIsNotFused() {
        assertLeftAsItWas(new TinyEncoder.Variant(2f, true));
    }

    @Test
    void projectionsKeptInFp32KeepTheirBlockUnfused() {
        OnnxFile model = OnnxFile.read(TinyEncoder.model(TinyEncoder.Variant.exported()), "tiny");

        assertThat(AttentionFusion.fuse(model, Set.of("/layer/kmm/MatMul"))).isZero();
    }

    private static void assertLeftAsItWas(TinyEncoder.Variant variant) {
        OnnxFile model = OnnxFile.read(TinyEncoder.model(variant), "tiny");
        List<Node> before = model.graph().nodes();
        List<String> weightsBefore = initializerNames(model);

        assertThat(AttentionFusion.fuse(model, Set.of())).isZero();
        assertThat(model.graph().nodes()).isEqualTo(before);
        assertThat(initializerNames(model)).isEqualTo(weightsBefore);
    }

    private static List<String> initializerNames(OnnxFile model) {
        return model.graph().initializers().stream().map(Initializer::name).toList();
    }

    private static List<String> opTypes(OnnxFile model) {
        return model.graph().nodes().stream().map(Node::opType).distinct().toList();
    }

    private static float[] input() {
        float[] x = new float[BATCH * SEQ * TinyEncoder.HIDDEN];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] run(Engine engine, byte[] model) {
        try (ModelRunner m = engine.open(model, "tiny encoder")) {
            return m.run(Map.of("x", Tensor.ofFloats(new int[] {BATCH, SEQ, TinyEncoder.HIDDEN}, input()),
                    "attention_mask", Tensor.ofLongs(new int[] {BATCH, SEQ}, MASK))).get("y").floats();
        }
    }

    private static float[] run(byte[] model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = input();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor xs = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {BATCH, SEQ, TinyEncoder.HIDDEN});
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(MASK), new long[] {BATCH, SEQ});
             OrtSession.Result out = s.run(Map.of("x", xs, "attention_mask", mask), Set.of("y"))) {
            FloatBuffer b = ((OnnxTensor) out.get(0)).getFloatBuffer();
            float[] y = new float[b.remaining()];
            b.get(y);
            return y;
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
