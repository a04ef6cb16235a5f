package io.tandem.converter;

import io.tandem.converter.onnx.ProtoWriter;

import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxModelReaderTest {
    @Test
    void initializersListedAsInputsAreNotInputs() {
        // Before IR 4, exporters listed every weight among the graph inputs too.
        ProtoWriter weight = new ProtoWriter().varint(1, 2).varint(2, TinyModels.FLOAT).string(8, "w").bytes(9, new byte[8]);
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "x").string(1, "w").string(2, "y").string(4, "Add"))
                .message(5, weight)
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, 2L))
                .message(11, TinyModels.tensor("w", TinyModels.FLOAT, 2L))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, 2L));

        OnnxModel m = OnnxModelReader.read(TinyModels.model(graph), "t");

        assertThat(m.inputs()).extracting(v -> v.name()).containsExactly("x");
        assertThat(m.initializerCount()).isEqualTo(1);
        assertThat(m.externalData()).isFalse();
        assertThat(m.producer()).isEqualTo("tandem-test 1");
        assertThat(m.opsets()).containsEntry("ai.onnx", 13L);
    }

    @Test
    void detectsWeightsInExternalFiles() {
        ProtoWriter weight = new ProtoWriter().varint(2, TinyModels.FLOAT).string(8, "w").varint(14, 1);
        ProtoWriter graph = new ProtoWriter().message(5, weight).message(12, TinyModels.tensor("w", TinyModels.FLOAT));
        assertThat(OnnxModelReader.read(TinyModels.model(graph), "t").externalData()).isTrue();
    }

    @Test
    void countsOperatorsInsideSubgraphsAndNamesCustomDomains() {
        ProtoWriter branch = new ProtoWriter().message(1, TinyModels.node("Relu", "x", "r"));
        ProtoWriter ifNode = TinyModels.node("If", "c", "y")
                .message(5, new ProtoWriter().string(1, "then_branch").message(6, branch))
                .message(5, new ProtoWriter().string(1, "else_branch").message(6, branch));
        ProtoWriter custom = TinyModels.node("FusedMatMul", "a", "b").string(7, "com.microsoft");
        ProtoWriter graph = new ProtoWriter().message(1, ifNode).message(1, custom);

        OnnxModel m = OnnxModelReader.read(TinyModels.model(graph), "t");

        assertThat(m.operators()).containsEntry("Relu", 2).containsEntry("If", 1).containsEntry("com.microsoft.FusedMatMul", 1);
        assertThat(m.operators().keySet().iterator().next()).isEqualTo("Relu");
        assertThat(m.nodeCount()).isEqualTo(4);
    }

    @Test
    void nonTensorInputsKeepTheirKind() {
        ProtoWriter graph = new ProtoWriter().message(11, TinyModels.sequence("items"));
        OnnxModel m = OnnxModelReader.read(TinyModels.model(graph), "t");
        assertThat(m.inputs().get(0).kind()).isEqualTo("sequence");
        assertThat(m.inputs().get(0).typeString()).isEqualTo("sequence");
    }

    @Test
    void wellFormedProtobufThatIsNotAModelIsRefused() {
        byte[] notAModel = new ProtoWriter().string(2, "a producer but no graph").toBytes();
        assertThatThrownBy(() -> OnnxModelReader.read(notAModel, "x.onnx"))
                .isInstanceOf(ConverterException.class)
                .hasMessage("not an ONNX model: x.onnx (no IR version)");
    }

    @Test
    void truncatedModelIsRefused() {
        byte[] model = TinyModels.textModel();
        byte[] cut = java.util.Arrays.copyOf(model, model.length - 5);
        assertThatThrownBy(() -> OnnxModelReader.read(cut, "cut.onnx"))
                .isInstanceOf(ConverterException.class)
                .hasMessageStartingWith("not an ONNX model: cut.onnx");
    }
}
