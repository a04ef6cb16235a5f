package io.tandem.converter.bundle;

import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.onnx.ValueInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPreparationTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelPreparationTest.class.getClassLoader().getResourceAsStream("org/tribuo/interop/onnx/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static ModelPreparation.Prepared prepare(String name) throws IOException {
        byte[] bytes = resource(name);
        return ModelPreparation.prepare(bytes, OnnxModelReader.read(bytes, name), name);
    }

    @Test
    void aScikitLearnClassifierComesOutWithATensorAndItsLabels() throws IOException {
        ModelPreparation.Prepared p = prepare("lr_mnist.onnx");

        assertThat(p.rewritten()).isTrue();
        assertThat(p.probabilityOutput()).isEqualTo("output_probability");
        assertThat(p.model().outputs()).extracting(ValueInfo::typeString).containsExactly("float32 [?, 10]");
        assertThat(p.labels()).hasSize(10).startsWith("0", "1");
        assertThat(p.notes()).hasSize(2).allMatch(n -> n.startsWith("removed "));
        assertThat(p.maxSequenceLength()).isEmpty();
        assertThat(ModelPreparation.labelsProblem(List.of("zero", "one"), p))
                .isEqualTo("labels: expected 10 (the classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] of output 'output_probability'), found 2");
        assertThat(ModelPreparation.labelsProblem(List.of(), p)).isNull();
    }

    @Test
    void aTextEncoderIsLeftAsItIsAndBoundsMaxLength() throws IOException {
        byte[] bytes = resource("extractors/tinybert.onnx");
        OnnxModel model = OnnxModelReader.read(bytes, "tinybert");

        ModelPreparation.Prepared p = ModelPreparation.prepare(bytes, model, "tinybert");

        assertThat(p.rewritten()).isFalse();
        assertThat(p.bytes()).isSameAs(bytes);
        assertThat(p.model()).isSameAs(model);
        assertThat(p.maxSequenceLength()).hasValue(100);
        assertThat(p.notes()).containsExactly(
                "longest sequence the model takes: 100 (position table 'embeddings.position_embeddings.weight', 100 rows, from the graph)");
        assertThat(ModelPreparation.maxLengthProblem(100, p)).isNull();
        assertThat(ModelPreparation.maxLengthProblem(128, p)).isEqualTo("preprocessing.maxLength: expected at most 100 "
                + "(position table 'embeddings.position_embeddings.weight', 100 rows, from the graph), found 128");
    }

    @Test
    void anImageModelNeedsNothing() throws IOException {
        ModelPreparation.Prepared p = prepare("cnn_mnist.onnx");

        assertThat(p.rewritten()).isFalse();
        assertThat(p.notes()).isEmpty();
        assertThat(p.labels()).isEmpty();
        assertThat(p.probabilityOutput()).isNull();
        assertThat(ModelPreparation.maxLengthProblem(100_000, p)).isNull();
    }
}
