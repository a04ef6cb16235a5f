package io.tandem.pipeline.bundle;

import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {
    static Manifest sample() {
        return Manifest.builder().id("m").version("1.0.0").title("M").task(Tasks.task("image-classification"))
                .provenance(Map.of("licence", "Apache-2.0"))
                .input(new TensorSpec("x", DType.FLOAT32, List.of("batch", 1L, 28L, 28L)))
                .output(new TensorSpec("y", DType.FLOAT32, List.of("batch", 10L)))
                .preprocessing(Map.of("type", "digit-image", "mean", 0.1307, "std", 0.3081))
                .postprocessing(Map.of("type", "softmax"))
                .labels(List.of("a", "b"))
                .file(new BundleFile("labels.txt", 4, "ab"))
                .variant(new Variant("fp32", "fp32", new BundleFile("model.onnx", 10, "cd"), List.of("wasm", "server"), Map.of()))
                .variant(new Variant("int8", "int8", new BundleFile("model.int8.onnx", 5, "ef"), List.of("wasm"), Map.of("top1", 0.99)))
                .build();
    }

    @Test
    void roundTripsThroughJson() {
        Manifest m = sample();
        Manifest back = Manifest.parse(m.toJson());
        assertThat(back.toJson()).isEqualTo(m.toJson());
        assertThat(back.inputs().get(0).dims()).containsExactly("batch", 1L, 28L, 28L);
        assertThat(back.preprocessing().number("mean")).isEqualTo(0.1307);
        assertThat(back.variant("int8").metrics()).containsEntry("top1", 0.99);
    }

    @Test
    void picksTheFirstVariantForADevice() {
        assertThat(sample().variantFor("wasm").name()).isEqualTo("fp32");
        assertThat(sample().variantFor("server").name()).isEqualTo("fp32");
        assertThatThrownBy(() -> sample().variantFor("webgpu")).hasMessageContaining("no variant for device 'webgpu'");
    }

    @Test
    void refusesUnknownSchemaAndMissingFields() {
        String json = sample().toJson();
        assertThatThrownBy(() -> Manifest.parse(json.replace("\"schema\": 1", "\"schema\": 99")))
                .hasMessageContaining("schema 99 is not supported");
        assertThatThrownBy(() -> Manifest.parse(json.replace("\"task\"", "\"tusk\"")))
                .hasMessageContaining("missing field 'task'");
        assertThatThrownBy(() -> Manifest.parse(json.replace("image-classification", "dance")))
                .hasMessageContaining("task: expected one of [image-classification").hasMessageEndingWith("found 'dance'");
    }

    @Test
    void carriesTheOptionalReferenceBlock() {
        assertThat(sample().reference()).isNull();
        assertThat(sample().toJson()).doesNotContain("reference");
        ReferenceStats ref = new ReferenceStats(3, List.of(new ReferenceStats.Feature("pixelMean", new double[] {-0.25, 0.5}, new long[] {1, 0, 2})));
        Manifest m = sample().toBuilder().reference(ref).build();
        Manifest back = Manifest.parse(m.toJson());
        assertThat(back.toJson()).isEqualTo(m.toJson()).contains("\"reference\"");
        assertThat(back.reference().samples()).isEqualTo(3);
        assertThat(back.reference().feature("pixelMean").bins()).containsExactly(-0.25, 0.5);
        assertThat(back.reference().feature("pixelMean").counts()).containsExactly(1, 0, 2);
        assertThat(back.toBuilder().build().reference()).isEqualTo(ref);
        assertThatThrownBy(() -> Manifest.parse(m.toJson().replace("[1, 0, 2]", "[1, 0]")))
                .hasMessageContaining("need 3 counts, found 2");
    }
}
