package io.tandem.converter.onnx;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.ConverterException;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tandem.converter.onnx.TinyGraphs.FLOAT;
import static io.tandem.converter.onnx.TinyGraphs.in;
import static io.tandem.converter.onnx.TinyGraphs.sequenceOfMaps;
import static io.tandem.converter.onnx.TinyGraphs.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipMapStripperTest {
    private static final int ROWS = 6;
    private static final int FEATURES = 784;

    private static ZipMapStripper.Result strip(byte[] bytes, ZipMapStripper.LabelOutput labels) {
        return ZipMapStripper.strip(bytes, OnnxModelReader.read(bytes, "model"), "model", labels);
    }

    @Test
    void lrMnistEndsInAProbabilityTensorUnderTheOutputsOwnName() {
        byte[] original = RealModels.resource(RealModels.LR_MNIST);
        OnnxModel before = OnnxModelReader.read(original, "lr_mnist");
        assertThat(before.output("output_probability").kind()).isEqualTo("sequence");

        ZipMapStripper.Result r = ZipMapStripper.strip(original, before, "lr_mnist");

        assertThat(r.changed()).isTrue();
        assertThat(r.probabilityOutput()).isEqualTo("output_probability");
        assertThat(r.labels()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(r.model().outputs()).extracting(ValueInfo::name, ValueInfo::typeString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("output_probability", "float32 [?, 10]"));
        assertThat(r.model().operators()).containsOnlyKeys("ai.onnx.ml.LinearClassifier", "ai.onnx.ml.Normalizer");
        assertThat(r.model().inputs()).isEqualTo(before.inputs());
        assertThat(r.removed()).hasSize(2);
        assertThat(r.removed().get(0)).contains("ZipMap node 'ZipMap'", "'output_probability' is now the tensor float32 [?, 10]");
        assertThat(r.removed().get(1)).contains("output 'output_label' (int64 [1]", "LinearClassifier", "Cast 'Cast'");
    }

    @Test
    void strippedProbabilitiesAreTheZipMapsValuesBitForBit() throws OrtException {
        byte[] original = RealModels.resource(RealModels.LR_MNIST);
        ZipMapStripper.Result r = strip(original, ZipMapStripper.LabelOutput.DROP);
        float[] x = randomRows(42);

        Map<String, Object> was = run(original, x);
        Map<String, Object> now = run(r.bytes(), x);

        @SuppressWarnings("unchecked")
        List<Map<Long, Float>> maps = (List<Map<Long, Float>>) was.get("output_probability");
        float[][] probs = (float[][]) now.get("output_probability");
        long[] labels = (long[]) was.get("output_label");
        assertThat(now).containsOnlyKeys("output_probability");
        assertThat(maps).hasSize(ROWS);
        assertThat(labels).hasSize(ROWS); // declared [1]: sklearn-onnx's shapes are loose
        for (int row = 0; row < ROWS; row++) {
            assertThat(probs[row]).hasSize(10);
            for (int c = 0; c < 10; c++) {
                float fromMap = maps.get(row).get(Long.parseLong(r.labels().get(c)));
                assertThat(Float.floatToIntBits(probs[row][c])).as("row %d class %d", row, c).isEqualTo(Float.floatToIntBits(fromMap));
            }
            assertThat(r.labels().get(argmax(probs[row]))).isEqualTo(Long.toString(labels[row]));
        }
    }

    @Test
    void keepingTheLabelOutputLeavesItAndItsCast() throws OrtException {
        byte[] original = RealModels.resource(RealModels.LR_MNIST);
        ZipMapStripper.Result r = strip(original, ZipMapStripper.LabelOutput.KEEP);

        assertThat(r.model().outputs()).extracting(ValueInfo::name).containsExactly("output_label", "output_probability");
        assertThat(r.model().operators()).containsKey("Cast").doesNotContainKey("ai.onnx.ml.ZipMap");
        assertThat(r.removed()).hasSize(1);
        float[] x = randomRows(7);
        Map<String, Object> now = run(r.bytes(), x);
        assertThat((long[]) now.get("output_label")).isEqualTo((long[]) run(original, x).get("output_label"));
    }

    @Test
    void aModelWithoutZipMapComesBackAsItWas() {
        byte[] cnn = RealModels.resource(RealModels.CNN_MNIST);
        OnnxModel model = OnnxModelReader.read(cnn, "cnn");

        ZipMapStripper.Result r = ZipMapStripper.strip(cnn, model, "cnn");

        assertThat(r.changed()).isFalse();
        assertThat(r.bytes()).isSameAs(cnn);
        assertThat(r.model()).isSameAs(model);
        assertThat(r.probabilityOutput()).isNull();
        assertThat(r.labels()).isEmpty();
        assertThat(r.removed()).isEmpty();
    }

    @Test
    void stringLabelsComeInOrderAndAValueInfoHintGivesTheShape() throws OrtException {
        byte[] bytes = TinyGraphs.named("strings")
                .node("Softmax", in("x"), "p")
                .node("ZipMap", "ai.onnx.ml", in("p"), in("probs"), TinyGraphs.strings("classlabels_strings", "cat", "dog", "emu"))
                .input(tensor("x", FLOAT, "N", 3L))
                .output(sequenceOfMaps("probs", TinyGraphs.STRING))
                .valueInfo(tensor("p", FLOAT, "rows", 3L))
                .model();

        ZipMapStripper.Result r = strip(bytes, ZipMapStripper.LabelOutput.DROP);

        assertThat(r.labels()).containsExactly("cat", "dog", "emu");
        assertThat(r.model().output("probs").typeString()).isEqualTo("float32 [rows, 3]");
        float[][] p = (float[][]) run(r.bytes(), new float[] {0, 1, 2}, 1, 3).get("probs");
        assertThat(p[0][2]).isGreaterThan(p[0][1]).isGreaterThan(p[0][0]);
        assertThat(OnnxFile.read(r.bytes(), "s").graph().valueInfo("p")).as("the hint of the renamed tensor").isNull();
    }

    @Test
    void aZipMapOnAGraphInputBecomesAnIdentity() throws OrtException {
        byte[] bytes = TinyGraphs.named("direct")
                .node("ZipMap", "ai.onnx.ml", in("x"), in("probs"), TinyGraphs.ints("classlabels_int64s", 3, 5))
                .input(tensor("x", FLOAT, "N", 2L))
                .output(sequenceOfMaps("probs", TinyGraphs.INT64))
                .model();

        ZipMapStripper.Result r = strip(bytes, ZipMapStripper.LabelOutput.DROP);

        assertThat(r.labels()).containsExactly("3", "5");
        assertThat(r.model().operators()).containsOnlyKeys("Identity");
        assertThat(r.model().output("probs").typeString()).isEqualTo("float32 [N, 2]");
        assertThat(((float[][]) run(r.bytes(), new float[] {0.25f, 0.75f}, 1, 2).get("probs"))[0]).containsExactly(0.25f, 0.75f);
    }

    @Test
    void aTensorThatIsAlreadyAnOutputKeepsItsName() {
        byte[] bytes = TinyGraphs.named("both")
                .node("Softmax", in("x"), "p")
                .node("ZipMap", "ai.onnx.ml", in("p"), in("probs"), TinyGraphs.ints("classlabels_int64s", 0, 1))
                .input(tensor("x", FLOAT, "N", 2L))
                .output(tensor("p", FLOAT, "N", 2L))
                .output(sequenceOfMaps("probs", TinyGraphs.INT64))
                .model();

        ZipMapStripper.Result r = strip(bytes, ZipMapStripper.LabelOutput.DROP);

        assertThat(r.probabilityOutput()).isEqualTo("p");
        assertThat(r.model().outputs()).extracting(ValueInfo::name).containsExactly("p");
    }

    @Test
    void aZipMapWithoutLabelsIsRefused() {
        byte[] bytes = TinyGraphs.named("nolabels")
                .node("ZipMap", "ai.onnx.ml", in("x"), in("probs"))
                .input(tensor("x", FLOAT, "N", 2L))
                .output(sequenceOfMaps("probs", TinyGraphs.INT64))
                .model();

        assertThatThrownBy(() -> strip(bytes, ZipMapStripper.LabelOutput.DROP))
                .isInstanceOf(ConverterException.class)
                .hasMessageContaining("expected classlabels_int64s or classlabels_strings");
    }

    private static float[] randomRows(long seed) {
        Random random = new Random(seed);
        float[] x = new float[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }

    private static Map<String, Object> run(byte[] model, float[] x) throws OrtException {
        return run(model, x, ROWS, FEATURES);
    }

    /** Every output: float tensors as float[][], int64 as long[], ZipMap's output as a list of maps. */
    private static Map<String, Object> run(byte[] model, float[] x, int rows, int cols) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter");
        Map<String, Object> out = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {rows, cols});
             OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            for (Map.Entry<String, OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxSequence s) {
                    List<Object> maps = new java.util.ArrayList<>();
                    for (OnnxValue m : s.getValue()) {
                        maps.add(((OnnxMap) m).getValue());
                    }
                    out.put(e.getKey(), maps);
                } else {
                    out.put(e.getKey(), e.getValue().getValue());
                }
            }
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
