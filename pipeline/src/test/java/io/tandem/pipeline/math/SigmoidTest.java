package io.tandem.pipeline.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SigmoidTest {
    @Test
    void zeroIsOneHalf() {
        assertThat(Sigmoid.of(0.0)).isEqualTo(0.5);
        assertThat(Sigmoid.of(-0.0)).isEqualTo(0.5);
    }

    @Test
    void extremeLogitsSaturateWithoutOverflow() {
        assertThat(Sigmoid.of(1000)).isEqualTo(1.0);
        assertThat(Sigmoid.of(-1000)).isEqualTo(0.0);
        assertThat(Sigmoid.of(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Sigmoid.of(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Sigmoid.of(Float.MAX_VALUE)).isEqualTo(1.0);
        assertThat(Sigmoid.of(-Float.MAX_VALUE)).isEqualTo(0.0);
        // far in the tail the small side keeps its precision instead of rounding 1 - p to 0
        assertThat(Sigmoid.of(-700)).isCloseTo(Math.exp(-700), within(1e-310)).isPositive();
        assertThat(Sigmoid.of(-745)).isPositive();
        assertThat(Sigmoid.of(Double.NaN)).isNaN();
    }

    @Test
    void isSymmetricAndMatchesTheFormula() {
        for (double x = -40; x <= 40; x += 0.37) {
            double p = Sigmoid.of(x);
            assertThat(p + Sigmoid.of(-x)).as("σ(x) + σ(-x) at %s", x).isCloseTo(1.0, within(1e-15));
            assertThat(p).as("at %s", x).isCloseTo(1.0 / (1.0 + Math.exp(-x)), within(1e-15));
            assertThat(p).isBetween(0.0, 1.0);
        }
        assertThat(Sigmoid.of(2.0)).isCloseTo(0.8807970779778823, within(1e-16));
    }

    @Test
    void appliesToEachElementOfARow() {
        float[] batch = {9f, 0f, -1000f, 1000f, 9f};
        assertThat(Sigmoid.of(batch, 1, 3)).containsExactly(0.5, 0.0, 1.0);
        assertThat(Sigmoid.of(new float[] {0f, 0f})).containsExactly(0.5, 0.5);
        assertThat(Sigmoid.of(new float[0])).isEmpty();
    }
}
