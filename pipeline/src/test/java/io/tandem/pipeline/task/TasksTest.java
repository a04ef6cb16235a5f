package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry and the checks every bundle's sections pass on opening, wherever it is opened. */
class TasksTest {
    private static Manifest digits(Map<String, Object> pre, Map<String, Object> post) {
        return Manifest.builder().id("d").version("1").task(Tasks.task("image-classification"))
                .input(new TensorSpec("image", DType.FLOAT32, List.of("batch", 1L, 28L, 28L)))
                .output(new TensorSpec("scores", DType.FLOAT32, List.of("batch", 10L)))
                .preprocessing(pre).postprocessing(post)
                .labels(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
                .variant(new Variant("fp32", "fp32", new BundleFile("model.onnx", 1, "00"), List.of("server"), Map.of()))
                .build();
    }

    private static Map<String, Object> digitPre() {
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("type", "digit-image");
        pre.put("mean", 0.1307);
        pre.put("std", 0.3081);
        return pre;
    }

    @Test
    void everyTaskNamesRegisteredTypesOfOneInputAndOneOutputKind() {
        assertThat(Tasks.all()).extracting(TaskType::wireName).contains("image-classification", "text-classification",
                "text-embedding", "tabular-classification", "tabular-regression");
        for (TaskType t : Tasks.all()) {
            for (String pre : t.preprocessingTypes()) {
                assertThat(Tasks.preprocessor(pre).inputKind()).as(t + " " + pre).isEqualTo(t.inputKind());
            }
            for (String post : t.postprocessingTypes()) {
                assertThat(Tasks.postprocessor(post).outputKind()).as(t + " " + post).isEqualTo(t.outputKind());
            }
        }
    }

    @Test
    void anUnknownTaskIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Tasks.task("image-segmentation")).isInstanceOf(RecipeException.class)
                .hasMessageStartingWith("task: expected one of [image-classification, ")
                .hasMessageEndingWith("found 'image-segmentation'");
    }

    @Test
    void aPostprocessingTypeOfAnotherTaskIsRefusedNotIgnored() {
        assertThatThrownBy(() -> Tasks.open(digits(digitPre(), Map.of("type", "cls")), null))
                .isInstanceOf(RecipeException.class)
                .hasMessage("postprocessing.type: expected one of [softmax, sigmoid, probabilities] for task 'image-classification', found 'cls'");
    }

    @Test
    void unknownAndWronglyTypedFieldsAreRefusedTogetherWithTheKnownFields() {
        Map<String, Object> pre = digitPre();
        pre.put("sise", 28L);
        pre.put("mean", List.of(0.485, 0.456, 0.406));
        assertThatThrownBy(() -> Tasks.open(digits(pre, Map.of("type", "softmax")), null))
                .isInstanceOf(RecipeException.class)
                .hasMessage("preprocessing.sise: unknown field for type 'digit-image' (known fields: [size, box, mean, std]); "
                        + "preprocessing.mean: expected a number, found an array of 3");
    }

    @Test
    void aMissingPostprocessingTypeMeansTheTasksDefault() {
        TaskPipeline p = Tasks.open(digits(digitPre(), Map.of()), null);
        assertThat(p.task().wireName()).isEqualTo("image-classification");
        ModelInput sample = p.sampleInput();
        assertThat(sample.kind()).isEqualTo(InputKind.IMAGE);
        assertThat(p.preprocess(sample).feed("image").shape()).containsExactly(1, 1, 28, 28);
    }

    @Test
    void theDigitSampleHasInkForThePipelineToFind() {
        byte[] rgba = Tasks.open(digits(digitPre(), Map.of()), null).sampleInput().image().rgba();
        int bright = 0;
        for (int i = 0; i < rgba.length; i += 4) {
            bright += (rgba[i] & 0xff) == 255 ? 1 : 0;
        }
        assertThat(bright).isGreaterThan(0).isLessThan(rgba.length / 4);
    }

    @Test
    void labelsAreRequiredWhereResultsNameThem() {
        Manifest m = digits(digitPre(), Map.of());
        Manifest unlabelled = Manifest.builder().id("d").version("1").task(m.task()).input(m.inputs().get(0))
                .output(m.outputs().get(0)).preprocessing(m.preprocessing().raw()).postprocessing(Map.of())
                .variant(m.variants().get(0)).build();
        assertThatThrownBy(() -> Tasks.open(unlabelled, null))
                .hasMessage("labels: expected a label per class for postprocessing 'softmax' of task 'image-classification', found none");
    }

    @Test
    void aNameCannotBeRegisteredTwice() {
        assertThatThrownBy(() -> Tasks.add(r -> r.task(new TaskType("text-embedding", "again",
                List.of("bert-wordpiece"), List.of("embedding")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("task 'text-embedding' is registered twice");
    }

    @Test
    void anExtensionAddsATaskFromExistingTypes() {
        Tasks.add(r -> r.task(new TaskType("test-digit-tagging", "digits, multi-label",
                new ArrayList<>(List.of("digit-image")), List.of("sigmoid"))));
        TaskType t = Tasks.task("test-digit-tagging");
        assertThat(t.inputKind()).isEqualTo(InputKind.IMAGE);
        assertThat(t.outputKind()).isEqualTo(OutputKind.CLASS_SCORES);
    }
}
