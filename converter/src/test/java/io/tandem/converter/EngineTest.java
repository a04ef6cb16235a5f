package io.tandem.converter;

import io.tandem.converter.engine.Engine;
import io.tandem.converter.engine.EngineVersions;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.converter.quant.WeightRange;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two engines on the same tiny graph, and which engine each device means. */
class EngineTest {
    /** y = x · W for a [2, 3] input and a [3, 2] weight: small enough to check by hand. */
    private static byte[] matMul() {
        return QuantModels.matMul(new float[] {1f, -2f, 0.5f, 3f, 0.25f, -1f}, 3, 2, 13);
    }

    @Test
    void ortWebInNodeComputesWhatOnnxruntimeJavaComputes() {
        Map<String, Tensor> feeds = Map.of("x", Tensor.ofFloats(new int[] {2, 3}, new float[] {1f, 2f, 3f, -1f, 0f, 4f}));
        float[] expected = {1f * 1 + 2 * 0.5f + 3 * 0.25f, 1f * -2 + 2 * 3f + 3 * -1f, -1f * 1 + 4 * 0.25f, -1f * -2 + 4 * -1f};
        try (ModelRunner web = Engine.WEB.open(matMul(), "tiny"); ModelRunner java = Engine.JAVA.open(matMul(), "tiny")) {
            Tensor w = web.run(feeds).values().iterator().next();
            Tensor j = java.run(feeds).values().iterator().next();
            assertThat(w.shape()).containsExactly(2, 2);
            assertThat(w.floats()).containsExactly(expected);
            assertThat(j.floats()).containsExactly(expected);
            assertThat(web.measuredOn().engine()).isEqualTo(Engine.WEB);
            assertThat(web.measuredOn().version()).isEqualTo(EngineVersions.of(Engine.WEB));
            assertThat(web.measuredOn().toMap()).containsEntry("engine", "onnxruntime-web").containsEntry("backend", "wasm")
                    .containsEntry("threads", 1L).containsKey("cpu");
            assertThat(java.measuredOn().toMap()).containsEntry("engine", "onnxruntime").containsEntry("backend", "cpu");
            assertThat(web.lastMillis()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aBadFeedIsOneClearErrorAndTheModelStillRuns() {
        try (ModelRunner web = Engine.WEB.open(matMul(), "tiny")) {
            assertThatThrownBy(() -> web.run(Map.of("x", Tensor.ofFloats(new int[] {2, 4}, new float[8]))))
                    .isInstanceOf(ConverterException.class)
                    .hasMessageStartingWith("ONNX Runtime Web failed on tiny: ")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> web.run(Map.of("nope", Tensor.ofFloats(new int[] {2, 3}, new float[6]))))
                    .isInstanceOf(ConverterException.class).hasMessageContaining("input 'x' is missing");
            // The wire stayed in step: the next good run answers.
            Tensor y = web.run(Map.of("x", Tensor.ofFloats(new int[] {1, 3}, new float[] {1f, 0f, 0f}))).values().iterator().next();
            assertThat(y.floats()).containsExactly(1f, -2f);
        }
    }

    @Test
    void aFileThatIsNoModelIsRefusedInOneLine() {
        assertThatThrownBy(() -> Engine.WEB.open("not an onnx file".getBytes(), "junk.onnx"))
                .isInstanceOf(ConverterException.class).hasMessageContaining("junk.onnx").hasMessageNotContaining("\n");
    }

    @Test
    void browserDevicesMeanOrtWebAndTheServerMeansOnnxruntimeJava() {
        assertThat(Engine.forDevices(List.of("wasm"))).containsExactly(Engine.WEB);
        assertThat(Engine.forDevices(List.of("webgpu", "wasm"))).containsExactly(Engine.WEB);
        assertThat(Engine.forDevices(List.of("server"))).containsExactly(Engine.JAVA);
        assertThat(Engine.forDevices(List.of("server", "wasm"))).containsExactly(Engine.WEB, Engine.JAVA);
        assertThat(Engine.parseChoice("auto")).isNull();
        assertThat(Engine.parseChoice("both")).containsExactly(Engine.WEB, Engine.JAVA);
        assertThatThrownBy(() -> Engine.parseChoice("gpu")).hasMessage("unknown --engine 'gpu'; expected auto, web, java or both");
    }

    @Test
    void autoWeightRangeIsFullOnlyWhenEveryDeviceIsABrowsers() {
        assertThat(WeightRange.choose("auto", List.of("wasm"))).isEqualTo(WeightRange.FULL);
        assertThat(WeightRange.choose("auto", List.of("wasm", "webgpu"))).isEqualTo(WeightRange.FULL);
        assertThat(WeightRange.choose("auto", List.of("wasm", "server"))).isEqualTo(WeightRange.UNSIGNED);
        assertThat(WeightRange.choose("auto", null)).isEqualTo(WeightRange.UNSIGNED);
        assertThat(WeightRange.choose("7bit", List.of("wasm"))).isEqualTo(WeightRange.REDUCED);
        assertThatThrownBy(() -> WeightRange.choose("int4", null)).hasMessage("unknown --weight-range 'int4'; expected auto, full, 7bit or u8");
    }
}
