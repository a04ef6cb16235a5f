package io.tandem.converter;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.onnx.OrtLimits;
import io.tandem.converter.onnx.ProtoWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OrtLimits' bounds are onnxruntime's own: it loads a model at each bound and refuses one past the newest. */
class OrtLimitsTest {
    private static byte[] relu(long irVersion, long opset) {
        ProtoWriter graph = new ProtoWriter().message(1, TinyModels.node("Relu", "x", "y")).string(2, "g")
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, "batch", 4L))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, "batch", 4L));
        return new ProtoWriter().varint(1, irVersion).string(2, "tandem-test").string(3, "1").message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset)).toBytes();
    }

    private static boolean loads(byte[] model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(model, options)) {
            return session.getInputNames().contains("x");
        } catch (OrtException e) {
            return false;
        }
    }

    @Test
    void theBoundsAreOnnxRuntimes() {
        assertThat(loads(relu(OrtLimits.NEWEST_IR_VERSION, OrtLimits.NEWEST_OPSET))).isTrue();
        assertThat(loads(relu(OrtLimits.OLDEST_IR_VERSION, OrtLimits.OLDEST_OPSET))).isTrue();
        assertThat(loads(relu(OrtLimits.NEWEST_IR_VERSION + 1, 13))).isFalse();
        assertThat(loads(relu(8, OrtLimits.NEWEST_OPSET + 1))).isFalse();
    }

    @Test
    void refusesOutsideThemInOneLine() {
        assertThatThrownBy(() -> OrtLimits.check(999, java.util.Map.of("", 13L), "m.onnx"))
                .hasMessage("unsupported IR version: m.onnx has IR version 999; onnxruntime expects 3 to 13");
        assertThatThrownBy(() -> OrtLimits.check(8, java.util.Map.of("ai.onnx", 9999L), "m.onnx"))
                .hasMessage("unsupported opset: m.onnx uses ai.onnx opset 9999; onnxruntime expects 7 to 26");
        assertThatThrownBy(() -> OrtLimits.check(8, java.util.Map.of("com.microsoft", 1L), "m.onnx"))
                .hasMessageContaining("imports no ai.onnx opset");
    }

    @Test
    void onnxRuntimesMessagesLoseTheirCppSignature() {
        String ort = "Error code - ORT_FAIL - message: /onnxruntime_src/onnxruntime/core/graph/model.cc:192 onnxruntime::Model::Model("
                + "onnx::ModelProto&&, const onnxruntime::PathString&, const onnxruntime::logging::Logger&) Unsupported model IR version: "
                + "999, max supported IR version: 13\nmore";
        assertThat(io.tandem.converter.onnx.OrtLoadCheck.firstLine(ort))
                .isEqualTo("Error code - ORT_FAIL - message: Unsupported model IR version: 999, max supported IR version: 13");
        assertThat(io.tandem.converter.onnx.OrtLoadCheck.firstLine("plain reason\nsecond")).isEqualTo("plain reason");
    }
}
