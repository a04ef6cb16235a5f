package io.tandem.pipeline.batch;

import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreparedBatchTest {
    private static Prepared text(long... ids) {
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        int[] shape = {1, ids.length};
        return new Prepared(Map.of("input_ids", Tensor.ofLongs(shape, ids), "attention_mask", Tensor.ofLongs(shape, mask)));
    }

    @Test
    void padsTextRowsAtTheEndWithZeros() {
        PreparedBatch batch = PreparedBatch.stack(List.of(text(101, 7, 102), text(101, 102), text(101, 5, 6, 102)));
        Tensor ids = batch.batched().feed("input_ids");
        assertThat(ids.shape()).containsExactly(3, 4);
        assertThat(ids.longs()).containsExactly(101, 7, 102, 0, 101, 102, 0, 0, 101, 5, 6, 102);
        assertThat(batch.batched().feed("attention_mask").longs()).containsExactly(1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1);
        assertThat(batch.row(1).feed("attention_mask").longs()).containsExactly(1, 1, 0, 0);
        assertThat(batch.row(1).feed("attention_mask").shape()).containsExactly(1, 4);
    }

    @Test
    void stacksEqualShapesAndSplitsOutputsBackPerRow() {
        Prepared a = new Prepared(Map.of("x", Tensor.ofFloats(new int[]{1, 2, 2}, new float[]{1, 2, 3, 4})));
        Prepared b = new Prepared(Map.of("x", Tensor.ofFloats(new int[]{1, 2, 2}, new float[]{5, 6, 7, 8})));
        PreparedBatch batch = PreparedBatch.stack(List.of(a, b));
        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.batched().feed("x").shape()).containsExactly(2, 2, 2);
        assertThat(batch.batched().feed("x").floats()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

        Map<String, Tensor> outputs = Map.of("y", Tensor.ofFloats(new int[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6}));
        Tensor second = batch.outputRow(outputs, 1).get("y");
        assertThat(second.shape()).containsExactly(1, 3);
        assertThat(second.floats()).containsExactly(4, 5, 6);
    }

    @Test
    void poolingAPaddedRowWithItsMaskEqualsPoolingTheUnpaddedRow() {
        int dim = 2;
        float[] unpadded = {1, 2, 3, 4};                 // 2 tokens
        float[] padded = {1, 2, 3, 4, 99, 99, -7, 5};    // same 2 tokens + 2 padding tokens
        double[] expected = Vectors.maskedMeanPool(unpadded, 2, dim, new long[]{1, 1});
        double[] actual = Vectors.maskedMeanPool(padded, 4, dim, new long[]{1, 1, 0, 0});
        assertThat(actual).containsExactly(expected);
    }

    @Test
    void refusesRowsThatCannotBeStacked() {
        Prepared wide = new Prepared(Map.of("x", Tensor.ofFloats(new int[]{1, 2, 1}, new float[]{1, 2})));
        Prepared tall = new Prepared(Map.of("x", Tensor.ofFloats(new int[]{1, 1, 2}, new float[]{1, 2})));
        assertThatThrownBy(() -> PreparedBatch.stack(List.of(wide, tall)))
                .hasMessageContaining("expected shape [1, 2, 1] apart from the last axis, found [1, 1, 2]");
        Prepared other = new Prepared(Map.of("y", Tensor.ofFloats(new int[]{1, 2, 1}, new float[]{1, 2})));
        assertThatThrownBy(() -> PreparedBatch.stack(List.of(wide, other))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PreparedBatch.stack(List.of())).hasMessageContaining("at least one row");
    }
}
