package io.tandem.pipeline.drift;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The statistics each task is watched on, from the tensors the real pipelines make. */
class InputStatisticsTest {
    private static final String VOCAB = String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "the", "cat", "sat", "on", "mat", "##s");

    static Manifest textManifest(int maxLength) {
        return Manifest.builder().id("t").version("1").task(Tasks.task("text-embedding"))
                .input(new TensorSpec("input_ids", DType.INT64, List.of("batch", "sequence")))
                .input(new TensorSpec("attention_mask", DType.INT64, List.of("batch", "sequence")))
                .output(new TensorSpec("h", DType.FLOAT32, List.of("batch", "sequence", 4L)))
                .preprocessing(Map.of("type", "bert-wordpiece", "vocab", "vocab.txt", "maxLength", (long) maxLength))
                .postprocessing(Map.of("type", "mean-pool-l2"))
                .variant(new Variant("fp32", "fp32", new BundleFile("m.onnx", 1, "x"), List.of("server"), Map.of()))
                .build();
    }

    static Manifest imageManifest() {
        return Manifest.builder().id("d").version("1").task(Tasks.task("image-classification"))
                .input(new TensorSpec("img", DType.FLOAT32, List.of("batch", 1L, 28L, 28L)))
                .output(new TensorSpec("p", DType.FLOAT32, List.of("batch", 2L)))
                .preprocessing(Map.of("type", "digit-image", "mean", 0.1307, "std", 0.3081))
                .postprocessing(Map.of("type", "softmax")).labels(List.of("a", "b"))
                .variant(new Variant("fp32", "fp32", new BundleFile("m.onnx", 1, "x"), List.of("server"), Map.of()))
                .build();
    }

    private static Prepared text(TaskPipeline p, String s) {
        return p.preprocess(ModelInput.text(s));
    }

    @Test
    void textCountsTokensUnknownsAndTruncation() {
        Manifest m = textManifest(8);
        TaskPipeline p = Tasks.open(m, path -> VOCAB);
        InputStatistics s = p.statistics();
        assertThat(s.features()).extracting(Feature::name).containsExactly("tokens", "unknownRate", "truncated");
        // [CLS] the cat sat [SEP]
        assertThat(s.measure(text(p, "the cat sat"))).containsExactly(5, 0, 0);
        // [CLS] the dog sat on mat [SEP]: "dog" is [UNK], 1 of 5 words
        assertThat(s.measure(text(p, "the dog sat on mat"))).containsExactly(7, 0.2, 0);
        // 10 words cut to 8 tokens: 6 words between [CLS] and [SEP], 3 of them unknown
        assertThat(s.measure(text(p, "x the y cat z sat on the mat mats"))).containsExactly(8, 0.5, 1);
        // empty text: [CLS] [SEP], no words
        assertThat(s.measure(text(p, ""))).containsExactly(2, 0, 0);
    }

    @Test
    void imageMeasuresTheNormalisedTensor() {
        InputStatistics s = Tasks.open(imageManifest(), null).statistics();
        assertThat(s.features()).extracting(Feature::name).containsExactly("pixelMean", "pixelStd", "inkShare");
        double bg = (0 - 0.1307) / 0.3081;
        double ink = (1 - 0.1307) / 0.3081;
        float[] px = new float[784];
        Arrays.fill(px, (float) bg);
        for (int i = 0; i < 196; i++) {
            px[i] = (float) ink; // a quarter of the pixels fully inked
        }
        double[] v = s.measure(new Prepared(Map.of("img", Tensor.ofFloats(new int[] {1, 1, 28, 28}, px))));
        double mean = 0.75 * bg + 0.25 * ink;
        assertThat(v[0]).isCloseTo(mean, within(1e-5));
        // two values a quarter / three quarters: std = |ink − bg| · sqrt(0.25 · 0.75)
        assertThat(v[1]).isCloseTo((ink - bg) * Math.sqrt(0.1875), within(1e-5));
        assertThat(v[2]).isEqualTo(0.25);
    }

    @Test
    void aBlankCanvasHasNoInk() {
        Manifest m = imageManifest();
        TaskPipeline p = Tasks.open(m, null);
        byte[] white = new byte[10 * 10 * 4];
        Arrays.fill(white, (byte) 255);
        double[] v = p.statistics().measure(p.preprocess(ModelInput.image(new RgbaImage(10, 10, white))));
        assertThat(v[1]).isEqualTo(0.0);
        assertThat(v[2]).isEqualTo(0.0);
    }

    @Test
    void floatVectorsAreWatchedFeatureByFeatureUpToTheCap() {
        InputStatistics s = new VectorStatistics("x", 40);
        assertThat(s.features()).hasSize(VectorStatistics.MAX_FEATURES);
        assertThat(s.features().get(0).name()).isEqualTo("x[0]");
        assertThat(s.features().get(0).fixedEdges()).isNull();
        float[] values = new float[40];
        values[0] = 1.5f;
        values[31] = -2f;
        double[] v = s.measure(new Prepared(Map.of("x", Tensor.ofFloats(new int[] {1, 40}, values))));
        assertThat(v).hasSize(32);
        assertThat(v[0]).isEqualTo(1.5);
        assertThat(v[31]).isEqualTo(-2.0);
    }

    @Test
    void referenceAndLiveCountsUseTheSameBins() {
        Manifest m = textManifest(16);
        TaskPipeline p = Tasks.open(m, path -> VOCAB);
        InputStatistics s = p.statistics();
        List<Prepared> samples = new ArrayList<>();
        String[] words = {"the", "cat", "sat", "on", "mat"};
        for (int n = 1; n <= 10; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(words[i % words.length]).append(' ');
            }
            samples.add(text(p, b.toString()));
        }
        ReferenceStats ref = References.build(s, samples);
        assertThat(ref.samples()).isEqualTo(10);
        ReferenceStats.Feature tokens = ref.feature("tokens");
        // 3..12 tokens, deciles at 4..12: every bin but the first holds one text
        assertThat(tokens.bins()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(tokens.counts()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(ref.feature("unknownRate").counts()).containsExactly(10, 0, 0, 0, 0, 0);

        LiveHistograms live = new LiveHistograms(s, ref);
        live.add(text(p, "the cat"));
        live.add(text(p, "zebra zebra zebra"));
        assertThat(live.samples()).isEqualTo(2);
        // 4 and 5 tokens: the bins starting at 4 and 5
        assertThat(live.histogram("tokens").counts()).containsExactly(0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(live.histogram("unknownRate").counts()).containsExactly(1, 0, 0, 0, 0, 1);
        Map<String, Object> report = live.report("1");
        assertThat(report).containsEntry("samples", 2L).containsEntry("modelVersion", "1");
        assertThat(report.toString()).doesNotContain("zebra");
        double psi = Psi.score(new Histogram(ref.feature("unknownRate").bins(), ref.feature("unknownRate").counts()),
                live.histogram("unknownRate"));
        // reference all in bin 0; live half in bin 0, half in the last: 0.5·ln 0.5 + (0.5 − 1e-4)·ln(0.5/1e-4) (others are 0)
        assertThat(psi).isCloseTo(-0.5 * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4), within(1e-9));
        live.clear();
        assertThat(live.samples()).isZero();
    }
}
