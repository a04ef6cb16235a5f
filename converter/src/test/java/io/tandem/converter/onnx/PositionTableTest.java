package io.tandem.converter.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.Progress;
import io.tandem.converter.optimize.GraphOptimizer;
import io.tandem.converter.optimize.ModelFormat;
import io.tandem.converter.optimize.OptimizeLevel;
import io.tandem.converter.quant.ModelQuantizer;
import io.tandem.converter.quant.QuantizeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.tandem.converter.onnx.TinyGraphs.FLOAT;
import static io.tandem.converter.onnx.TinyGraphs.INT64;
import static io.tandem.converter.onnx.TinyGraphs.in;
import static io.tandem.converter.onnx.TinyGraphs.intAttr;
import static io.tandem.converter.onnx.TinyGraphs.tensor;
import static io.tandem.converter.onnx.TinyGraphs.tensorAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionTableTest {
    private static final long[] SCALAR = {};

    private static PositionTable.Finding find(byte[] model) {
        Optional<PositionTable.Finding> f = PositionTable.find(OnnxFile.read(model, "model"));
        assertThat(f).as("a position table").isPresent();
        return f.get();
    }

    @Test
    void tinyBertTakes100TokensThoughItsTokenizerSetsNoTruncation() {
        byte[] tinybert = RealModels.resource(RealModels.TINYBERT);

        PositionTable.Finding f = find(tinybert);

        assertThat(f.table()).isEqualTo("embeddings.position_embeddings.weight");
        assertThat(f.rows()).isEqualTo(100);
        assertThat(f.maxLength()).isEqualTo(100);
        assertThat(f.evidence()).isEqualTo(PositionTable.Evidence.GRAPH);
        assertThat(f.describe()).isEqualTo("100 (position table 'embeddings.position_embeddings.weight', 100 rows, from the graph)");
        assertThat(PositionTable.maxLength(tinybert, "tinybert")).hasValue(100);
        assertThat(new String(RealModels.resource(RealModels.TINYBERT_TOKENIZER), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"truncation\": null");
    }

    @Test
    void onnxruntimeRunsTinyBertAt100TokensAndFailsAt101() throws OrtException {
        byte[] tinybert = RealModels.resource(RealModels.TINYBERT);

        assertThat(runTokens(tinybert, 100, 5)).isTrue();
        assertThatThrownBy(() -> runTokens(tinybert, 101, 5)).isInstanceOf(OrtException.class).hasMessageContaining("100 by 101");
    }

    @Test
    void miniLmBgeAndE5Take512() {
        for (RealModels.Jar jar : new RealModels.Jar[] {RealModels.MINILM, RealModels.BGE_SMALL, RealModels.E5_SMALL}) {
            PositionTable.Finding f = find(RealModels.fromRepository(jar));
            assertThat(f.maxLength()).as(jar.entry()).isEqualTo(512);
            assertThat(f.evidence()).as(jar.entry()).isEqualTo(PositionTable.Evidence.GRAPH);
            assertThat(f.table()).isEqualTo("embeddings.position_embeddings.weight");
        }
    }

    @Test
    void aQuantizedTableCountsToo() {
        PositionTable.Finding f = find(RealModels.fromRepository(RealModels.MINILM_Q));

        assertThat(f.table()).isEqualTo("embeddings.position_embeddings.weight_quantized");
        assertThat(f.maxLength()).isEqualTo(512);
    }

    @ParameterizedTest
    @EnumSource(OptimizeLevel.class)
    void theConvertersOptimisedTinyBertStillSays100(OptimizeLevel level) {
        byte[] optimised = GraphOptimizer.run(RealModels.resource(RealModels.TINYBERT), "tinybert", level, ModelFormat.ONNX, quiet()).bytes();

        assertThat(find(optimised).maxLength()).isEqualTo(100);
        assertThat(find(optimised).evidence()).isEqualTo(PositionTable.Evidence.GRAPH);
    }

    @ParameterizedTest
    @EnumSource(ModelQuantizer.Precision.class)
    void theConvertersInt8AndFp16TinyBertStillSay100(ModelQuantizer.Precision precision) {
        byte[] variant = ModelQuantizer.run(RealModels.resource(RealModels.TINYBERT), "tinybert", precision,
                QuantizeOptions.defaults(), quiet()).bytes();

        assertThat(find(variant).maxLength()).isEqualTo(100);
    }

    @Test
    void modelsWithoutAPositionTableHaveNoBound() {
        assertThat(PositionTable.maxLength(RealModels.resource(RealModels.CNN_MNIST), "cnn")).isEmpty();
        assertThat(PositionTable.maxLength(RealModels.resource(RealModels.LR_MNIST), "lr")).isEmpty();
        // Word and token-type tables read graph inputs; a relative-position model has nothing else.
        byte[] noPositions = TinyGraphs.named("words")
                .floats("word_embeddings", new long[] {5, 2}, new float[10])
                .node("Gather", in("word_embeddings", "input_ids"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, "batch", "sequence", 2L))
                .model();
        assertThat(PositionTable.maxLength(noPositions, "words")).isEmpty();
    }

    /** RoBERTa: positions = cumsum(ids ≠ pad) · (ids ≠ pad) + pad, so 514 rows take 512 tokens; here 6 rows take 4. */
    @Test
    void robertaStylePositionsAfterThePaddingIndexLeaveTwoRowsUnused() throws OrtException {
        byte[] roberta = TinyGraphs.named("roberta")
                .floats("embeddings.position_embeddings.weight", new long[] {6, 2}, new float[12])
                .node("Constant", in(), "pad", tensorAttr("value", SCALAR, 1))
                .node("Equal", in("input_ids", "pad"), "is_pad")
                .node("Not", in("is_pad"), "not_pad")
                .node("Cast", in("not_pad"), "mask", intAttr("to", INT64))
                .node("Constant", in(), "axis", tensorAttr("value", SCALAR, 1))
                .node("CumSum", in("mask", "axis"), "counted")
                .node("Mul", in("counted", "mask"), "masked")
                .node("Add", in("masked", "pad"), "position_ids")
                .node("Gather", in("embeddings.position_embeddings.weight", "position_ids"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, "batch", "sequence", 2L))
                .model();

        PositionTable.Finding f = find(roberta);

        assertThat(f.maxLength()).isEqualTo(4);
        assertThat(f.evidence()).isEqualTo(PositionTable.Evidence.GRAPH);
        assertThat(runIds(roberta, 4, 7)).isTrue();
        assertThatThrownBy(() -> runIds(roberta, 5, 7)).isInstanceOf(OrtException.class);
    }

    @Test
    void aRangeOverTheSequenceLengthCountsFromZero() throws OrtException {
        byte[] range = TinyGraphs.named("range")
                .floats("wpe", new long[] {7, 2}, new float[14])
                .node("Shape", in("input_ids"), "shape")
                .node("Constant", in(), "one", tensorAttr("value", SCALAR, 1))
                .node("Constant", in(), "zero", tensorAttr("value", SCALAR, 0))
                .node("Gather", in("shape", "one"), "length", intAttr("axis", 0))
                .node("Range", in("zero", "length", "one"), "positions")
                .node("Constant", in(), "axes", tensorAttr("value", new long[] {1}, 0))
                .node("Unsqueeze", in("positions", "axes"), "position_ids")
                .node("Gather", in("wpe", "position_ids"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, 1L, "sequence", 2L))
                .model();

        assertThat(find(range).maxLength()).isEqualTo(7);
        assertThat(runIds(range, 7, 3)).isTrue();
        assertThatThrownBy(() -> runIds(range, 8, 3)).isInstanceOf(OrtException.class);
    }

    @Test
    void aPositionIdsInputIsTrustedByItsName() {
        byte[] model = TinyGraphs.named("ids")
                .floats("table", new long[] {9, 2}, new float[18])
                .node("Gather", in("table", "position_ids"), "hidden")
                .input(tensor("position_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, "batch", "sequence", 2L))
                .model();

        PositionTable.Finding f = find(model);

        assertThat(f.maxLength()).isEqualTo(9);
        assertThat(f.evidence()).isEqualTo(PositionTable.Evidence.INPUT_NAME);
    }

    @Test
    void aTableNameIsTheLastResort() {
        byte[] model = TinyGraphs.named("named")
                .floats("encoder.pos_embed.weight", new long[] {11, 2}, new float[22])
                .node("Abs", in("input_ids"), "mystery")
                .node("Gather", in("encoder.pos_embed.weight", "mystery"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, "batch", "sequence", 2L))
                .model();

        PositionTable.Finding f = find(model);

        assertThat(f.maxLength()).isEqualTo(11);
        assertThat(f.evidence()).isEqualTo(PositionTable.Evidence.TABLE_NAME);
        assertThat(f.describe()).endsWith("found by its name)");
    }

    @Test
    void aSlicedBufferOfZerosIsTokenTypesNotPositions() {
        byte[] model = TinyGraphs.named("types")
                .floats("type_table", new long[] {2, 2}, new float[4])
                .longs("token_type_buffer", new long[] {1, 8}, new long[8])
                .node("Shape", in("input_ids"), "shape")
                .node("Constant", in(), "one", tensorAttr("value", new long[] {1}, 1))
                .node("Constant", in(), "two", tensorAttr("value", new long[] {1}, 2))
                .node("Constant", in(), "zero", tensorAttr("value", new long[] {1}, 0))
                .node("Slice", in("shape", "one", "two"), "length")
                .node("Slice", in("token_type_buffer", "zero", "length", "one"), "type_ids")
                .node("Gather", in("type_table", "type_ids"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, 1L, "sequence", 2L))
                .model();

        assertThat(PositionTable.maxLength(model, "types")).isEmpty();
    }

    @Test
    void theSmallestOfSeveralBoundsWinsAndAShortBufferBinds() {
        // position_ids holds 6 ids but the table has 10 rows: slicing runs out at 6.
        byte[] model = TinyGraphs.named("short")
                .floats("position_embeddings", new long[] {10, 2}, new float[20])
                .longs("position_ids", new long[] {1, 6}, 0, 1, 2, 3, 4, 5)
                .node("Shape", in("input_ids"), "shape")
                .node("Constant", in(), "one", tensorAttr("value", new long[] {1}, 1))
                .node("Constant", in(), "two", tensorAttr("value", new long[] {1}, 2))
                .node("Constant", in(), "zero", tensorAttr("value", new long[] {1}, 0))
                .node("Slice", in("shape", "one", "two"), "length")
                .node("Slice", in("position_ids", "zero", "length", "one"), "ids")
                .node("Gather", in("position_embeddings", "ids"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, 1L, "sequence", 2L))
                .model();

        assertThat(PositionTable.maxLength(model, "short")).isEqualTo(OptionalInt.of(6));
    }

    @Test
    void anInt32BufferInInt32DataCountsToo() {
        byte[] model = TinyGraphs.named("int32")
                .floats("table", new long[] {8, 2}, new float[16])
                .int32s("ids", new long[] {8}, 0, 1, 2, 3, 4, 5, 6, 7)
                .node("Shape", in("input_ids"), "shape")
                .node("Constant", in(), "one", tensorAttr("value", new long[] {1}, 1))
                .node("Constant", in(), "two", tensorAttr("value", new long[] {1}, 2))
                .node("Constant", in(), "zero", tensorAttr("value", new long[] {1}, 0))
                .node("Slice", in("shape", "one", "two"), "length")
                .node("Slice", in("ids", "zero", "length"), "sliced")
                .node("Gather", in("table", "sliced"), "hidden")
                .input(tensor("input_ids", INT64, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, "sequence", 2L))
                .model();

        assertThat(find(model).maxLength()).isEqualTo(8);
        assertThat(find(model).evidence()).isEqualTo(PositionTable.Evidence.GRAPH);
    }

    @Test
    void onnxruntimesFusedEmbeddingReadsPositionsFromInput3() {
        byte[] model = TinyGraphs.named("fused")
                .floats("word", new long[] {5, 2}, new float[10])
                .floats("position", new long[] {13, 2}, new float[26])
                .floats("segment", new long[] {2, 2}, new float[4])
                .floats("gamma", new long[] {2}, 1, 1)
                .floats("beta", new long[] {2}, 0, 0)
                .node("EmbedLayerNormalization", "com.microsoft", in("input_ids", "token_type_ids", "word", "position", "segment", "gamma", "beta"),
                        in("hidden", "mask_index"))
                .input(tensor("input_ids", 6, "batch", "sequence"))
                .input(tensor("token_type_ids", 6, "batch", "sequence"))
                .output(tensor("hidden", FLOAT, "batch", "sequence", 2L))
                .model();

        assertThat(find(model).maxLength()).isEqualTo(13);
    }

    private static Progress quiet() {
        return new Progress(new PrintWriter(new StringWriter()), false, true);
    }

    /** Runs a BERT-style model (input_ids, attention_mask, token_type_ids) on {@code length} tokens. */
    private static boolean runTokens(byte[] model, int length, long id) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter");
        long[] ids = new long[length];
        Arrays.fill(ids, id);
        long[] ones = new long[length];
        Arrays.fill(ones, 1);
        long[] shape = {1, length};
        try (OrtSession.SessionOptions options = quietOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
             OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[length]), shape)) {
            Map<String, OnnxTensor> feeds = new HashMap<>(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c));
            feeds.keySet().retainAll(session.getInputNames());
            try (OrtSession.Result r = session.run(feeds)) {
                return r.size() > 0;
            }
        }
    }

    /** The failures these tests provoke are expected: onnxruntime need not log them. */
    private static OrtSession.SessionOptions quietOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        return options;
    }

    /** Runs a model whose one input is input_ids. */
    private static boolean runIds(byte[] model, int length, long id) throws OrtException {
        return runTokens(model, length, id);
    }
}
