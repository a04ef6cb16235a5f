package io.tandem.pipeline.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolingTest {
    // one text of 3 tokens, dim 2; the last token is padding
    private static final float[] HIDDEN = {3, 4, 1, 2, 100, 100};
    private static final long[] MASK = {1, 1, 0};

    @Test
    void clsTakesTheFirstTokenExactly() {
        assertThat(Pooling.CLS.apply(HIDDEN, 3, 2, null, false)).containsExactly(3f, 4f);
        assertThat(Pooling.CLS.apply(HIDDEN, 3, 2, MASK, true)).containsExactly(0.6f, 0.8f);
        assertThat(Pooling.cls(new float[] {0.1f, 0.2f, 0.3f}, 1, 2)).containsExactly(0.2f, 0.3f);
    }

    @Test
    void meanIgnoresPaddingAndRoundsOnce() {
        assertThat(Pooling.MEAN.apply(HIDDEN, 3, 2, MASK, false)).containsExactly(2f, 3f);
        float[] normalised = Pooling.MEAN.apply(HIDDEN, 3, 2, MASK, true);
        assertThat(normalised).containsExactly(Vectors.l2Normalise(new double[] {2, 3}));
        // a mean that is not a float is rounded from the double sum, once
        float[] third = Pooling.MEAN.apply(new float[] {1, 0, 0}, 3, 1, new long[] {1, 1, 1}, false);
        assertThat(third).containsExactly((float) (1.0 / 3));
    }

    @Test
    void noneReturnsTheMatrixAsIsOrRowByRowNormalised() {
        assertThat(Pooling.NONE.apply(HIDDEN, 3, 2, MASK, false)).containsExactly(HIDDEN);
        float r = (float) (1 / Math.sqrt(2));
        assertThat(Pooling.NONE.apply(HIDDEN, 3, 2, MASK, true))
                .containsExactly(0.6f, 0.8f, (float) (1 / Math.sqrt(5)), (float) (2 / Math.sqrt(5)), r, r);
        assertThat(Pooling.NONE.outputLength(3, 2)).isEqualTo(6);
        assertThat(Pooling.MEAN.outputLength(3, 2)).isEqualTo(2);
    }

    @Test
    void readsOneTextOfABatch() {
        float[] batch = {9, 9, 9, 9, 1, 3, 5, 7};
        long[] mask = {1, 1, 1, 0};
        assertThat(Pooling.MEAN.apply(batch, 4, 2, 2, mask, 2, false)).containsExactly(1f, 3f);
        assertThat(Pooling.CLS.apply(batch, 4, 2, 2, mask, 2, false)).containsExactly(1f, 3f);
        assertThat(Pooling.NONE.apply(batch, 4, 2, 2, mask, 2, false)).containsExactly(1f, 3f, 5f, 7f);
    }

    @Test
    void namesAndBadArguments() {
        assertThat(Pooling.fromId("cls")).isEqualTo(Pooling.CLS);
        assertThat(Pooling.fromId("mean")).isEqualTo(Pooling.MEAN);
        assertThat(Pooling.fromId("none")).isEqualTo(Pooling.NONE);
        assertThatThrownBy(() -> Pooling.fromId("max")).hasMessageContaining("unknown pooling \"max\"");
        assertThatThrownBy(() -> Pooling.MEAN.apply(HIDDEN, 3, 2, null, false)).hasMessageContaining("attention mask");
        assertThatThrownBy(() -> Pooling.CLS.apply(HIDDEN, 4, 2, null, false)).hasMessageContaining("expected 4 x 2");
    }
}
