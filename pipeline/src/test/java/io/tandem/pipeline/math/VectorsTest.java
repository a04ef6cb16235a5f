package io.tandem.pipeline.math;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VectorsTest {
    @Test
    void meanPoolIgnoresMaskedPositions() {
        float[] hidden = {1, 2, 3, 4, 100, 100};
        double[] pooled = Vectors.maskedMeanPool(hidden, 3, 2, new long[] {1, 1, 0});
        assertThat(pooled).containsExactly(2.0, 3.0);
    }

    @Test
    void meanPoolOfAllMaskedIsZero() {
        assertThat(Vectors.maskedMeanPool(new float[] {5, 5}, 1, 2, new long[] {0})).containsExactly(0.0, 0.0);
    }

    @Test
    void meanPoolReadsOneRowOfABatch() {
        float[] hidden = {9, 9, 9, 9, 1, 3, 5, 7};
        long[] mask = {1, 1, 1, 0};
        assertThat(Vectors.maskedMeanPool(hidden, 4, 2, 2, mask, 2)).containsExactly(1.0, 3.0);
    }

    @Test
    void l2NormaliseGivesUnitLength() {
        float[] v = Vectors.l2Normalise(new double[] {3, 4});
        assertThat(v).containsExactly(0.6f, 0.8f);
        assertThat(Vectors.l2Normalise(new double[] {0, 0})).containsExactly(0f, 0f);
    }

    @Test
    void cosineOfParallelAndOrthogonalVectors() {
        assertThat(Vectors.cosine(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1.0, within(1e-12));
        assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {0, 3})).isEqualTo(0.0);
    }

    @Test
    void softmaxOfLogProbabilitiesRecoversProbabilities() {
        float[] logp = {(float) Math.log(0.7), (float) Math.log(0.2), (float) Math.log(0.1)};
        double[] p = Softmax.of(logp);
        assertThat(p[0]).isCloseTo(0.7, within(1e-6));
        assertThat(p[1]).isCloseTo(0.2, within(1e-6));
        assertThat(p[2]).isCloseTo(0.1, within(1e-6));
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        double[] p = Softmax.of(new float[] {1000f, 1000f});
        assertThat(p).containsExactly(0.5, 0.5);
    }

    @Test
    void rankedSortsByScoreKeepingTies() {
        List<LabelScore> r = LabelScore.ranked(List.of("a", "b", "c"), new double[] {0.2, 0.6, 0.2});
        assertThat(r).extracting(LabelScore::label).containsExactly("b", "a", "c");
    }
}
