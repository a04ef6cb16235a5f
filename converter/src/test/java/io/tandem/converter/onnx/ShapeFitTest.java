package io.tandem.converter.onnx;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShapeFitTest {
    private static final ValueInfo IMAGE = new ValueInfo("input_image", "tensor", ElementType.FLOAT,
            List.of(Dim.symbolic("batch"), Dim.fixed(1), Dim.fixed(28), Dim.fixed(28)));
    private static final ValueInfo IDS = new ValueInfo("input_ids", "tensor", ElementType.INT64,
            List.of(Dim.symbolic("batch"), Dim.symbolic("sequence")));
    private static final ValueInfo MASK = new ValueInfo("attention_mask", "tensor", ElementType.INT64,
            List.of(Dim.symbolic("batch"), Dim.symbolic("sequence")));

    @Test
    void aFittingShapeIsNull() {
        assertThat(IMAGE.fits(new int[] {1, 1, 28, 28})).isNull();
        assertThat(IMAGE.fits("input", new int[] {64, 1, 28, 28})).isNull();
        assertThat(IMAGE.fits("input", new int[] {0, 1, 28, 28})).as("an empty batch").isNull();
    }

    @Test
    void aFixedDimensionSaysWhichAndWhat() {
        assertThat(IMAGE.fits("input", new int[] {1, 1, 224, 28})).isEqualTo("expected 28 (dimension 2 of input 'input_image'), found 224");
        assertThat(IMAGE.fits("input", new int[] {1, 3, 224, 224})).as("the first mismatch")
                .isEqualTo("expected 1 (dimension 1 of input 'input_image'), found 3");
        assertThat(IMAGE.fits(new int[] {1, 1, 28, 27})).isEqualTo("expected 28 (dimension 3 of 'input_image'), found 27");
    }

    @Test
    void theRankComesFirst() {
        assertThat(IMAGE.fits("input", new int[] {3, 224, 224}))
                .isEqualTo("expected rank 4 (input 'input_image' is [batch, 1, 28, 28]), found rank 3: [3, 224, 224]");
    }

    @Test
    void negativeSizesAreRefusedEvenForSymbols() {
        assertThat(IMAGE.fits("input", new int[] {-1, 1, 28, 28})).isEqualTo("expected a size of at least 0 (dimension 0 of input 'input_image'), found -1");
    }

    @Test
    void aSymbolTakesOneSizeWithinATensor() {
        ValueInfo square = new ValueInfo("gram", "tensor", ElementType.FLOAT, List.of(Dim.symbolic("n"), Dim.symbolic("n")));

        assertThat(square.fits("input", new int[] {5, 5})).isNull();
        assertThat(square.fits("input", new int[] {5, 6}))
                .isEqualTo("expected n = 5 (dimension 1 of input 'gram', as dimension 0 of input 'gram'), found 6");
    }

    @Test
    void unnamedDimensionsAndUndeclaredRanksTakeAnything() {
        ValueInfo unnamed = new ValueInfo("x", "tensor", ElementType.FLOAT, List.of(Dim.unknown(), Dim.unknown()));
        ValueInfo rankless = new ValueInfo("y", "tensor", ElementType.FLOAT, null);

        assertThat(unnamed.fits("input", new int[] {3, 4})).isNull();
        assertThat(rankless.fits("input", new int[] {1, 2, 3, 4, 5})).isNull();
    }

    @Test
    void aSequenceIsNoTensor() {
        ValueInfo zipMap = new ValueInfo("output_probability", "sequence", ElementType.UNDEFINED, null);

        assertThat(zipMap.fits("output", new int[] {1, 10}))
                .isEqualTo("expected a tensor, found sequence (output 'output_probability' is not a tensor)");
    }

    @Test
    void aFeedSharesItsSymbolsAcrossInputs() {
        Map<String, long[]> feed = new LinkedHashMap<>();
        feed.put("input_ids", new long[] {1, 7});
        feed.put("attention_mask", new long[] {1, 9});

        assertThat(ShapeFit.all(List.of(IDS, MASK), "input", feed))
                .containsExactly("expected sequence = 7 (dimension 1 of input 'attention_mask', as dimension 1 of input 'input_ids'), found 9");
        feed.put("attention_mask", new long[] {1, 7});
        assertThat(ShapeFit.all(List.of(IDS, MASK), "input", feed)).isEmpty();
    }

    @Test
    void aFeedNamesMissingAndUnknownInputs() {
        Map<String, long[]> feed = new LinkedHashMap<>();
        feed.put("input_ids", new long[] {1, 7});
        feed.put("token_type_ids", new long[] {1, 7});

        assertThat(ShapeFit.all(List.of(IDS, MASK), "input", feed)).containsExactly(
                "expected a shape for input 'attention_mask', found none (given: [input_ids, token_type_ids])",
                "expected one of the inputs [input_ids, attention_mask], found 'token_type_ids'");
    }

    @Test
    void theModelAnswersForItsInputs() {
        OnnxModel cnn = OnnxModelReader.read(RealModels.resource(RealModels.CNN_MNIST), "cnn_mnist");

        assertThat(cnn.inputFits("input_image", new int[] {1, 1, 28, 28})).isNull();
        assertThat(cnn.inputFits("input_image", new int[] {1, 1, 224, 224})).isEqualTo("expected 28 (dimension 2 of input 'input_image'), found 224");
        assertThat(cnn.inputFits("pixels", new int[] {1, 1, 28, 28})).isEqualTo("expected one of the inputs [input_image], found 'pixels'");
        assertThat(cnn.inputsFit(Map.of("input_image", new long[] {2, 1, 28, 28}))).isEmpty();
    }
}
