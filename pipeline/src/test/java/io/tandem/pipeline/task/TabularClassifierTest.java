package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TabularClassifierTest {
    static Manifest manifest(String post) {
        String pre = "{\"type\":\"tabular\",\"input\":\"input\",\"features\":["
                + "{\"name\":\"bill\",\"kind\":\"numeric\",\"mean\":40,\"std\":4},"
                + "{\"name\":\"sex\",\"kind\":\"categorical\",\"categories\":[\"FEMALE\",\"MALE\"]}]}";
        return Manifest.builder().id("p").version("1").task(Tasks.task("tabular-classification"))
                .input(new TensorSpec("input", DType.FLOAT32, List.of("batch", 3L)))
                .output(new TensorSpec("output", DType.FLOAT32, List.of("batch", 2L)))
                .preprocessing(JsonObject.parse(pre, "pre").raw())
                .postprocessing(Map.of("type", post))
                .labels(List.of("a", "b"))
                .variant(new Variant("fp32", "fp32", new BundleFile("model.onnx", 1, "00"), List.of("server"), Map.of()))
                .build();
    }

    @Test
    void isTheBundlesPipelineAndFeedsOneRowOfTheEncodedRecord() {
        TaskPipeline p = Tasks.open(manifest("probabilities"), path -> "");
        assertThat(((ComposedPipeline) p).preprocessor()).isInstanceOf(io.tandem.pipeline.task.builtin.TabularInput.class);
        Prepared prepared = p.preprocess(ModelInput.features(Map.of("bill", 46.0, "sex", "MALE")));
        Tensor t = prepared.feed("input");
        assertThat(t.shape()).containsExactly(1, 3);
        assertThat(t.floats()).containsExactly(1.5f, 0f, 1f);
    }

    @Test
    void probabilitiesPassThroughRankedInTheDigitClassifiersShape() {
        TaskPipeline p = Tasks.open(manifest("probabilities"), path -> "");
        Prepared prepared = p.preprocess(ModelInput.features(Map.of()));
        Object out = p.postprocess(prepared, Map.of("output", Tensor.ofFloats(new int[] {1, 2}, new float[] {0.25f, 0.75f})));
        assertThat(out).isEqualTo(List.of(Map.of("label", "b", "score", 0.75), Map.of("label", "a", "score", 0.25)));
    }

    @Test
    void logitsAreSoftmaxed() {
        TaskPipeline p = Tasks.open(manifest("softmax"), path -> "");
        Prepared prepared = p.preprocess(ModelInput.features(Map.of()));
        float[] probs = p.comparable(prepared, Map.of("output", Tensor.ofFloats(new int[] {1, 2}, new float[] {0f, (float) Math.log(3)})));
        assertThat(probs[1]).isCloseTo(0.75f, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(probs[0]).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void inputOfTheWrongKindIsRefused() {
        TaskPipeline p = Tasks.open(manifest("softmax"), path -> "");
        assertThat(ModelInput.features(Map.of("x", 1L)).kind()).isEqualTo(InputKind.FEATURES);
        assertThatThrownBy(() -> p.preprocess(ModelInput.text("hello")))
                .isInstanceOf(InvalidInputException.class).hasMessage("this model takes a record of features");
        assertThatThrownBy(() -> ModelInput.features(Map.of("x", List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessage("feature 'x' must be a number, a string or null");
        assertThatThrownBy(() -> Tasks.open(manifest("cls"), path -> ""))
                .hasMessage("postprocessing.type: expected one of [softmax, probabilities, sigmoid] for task 'tabular-classification', found 'cls'");
    }
}
