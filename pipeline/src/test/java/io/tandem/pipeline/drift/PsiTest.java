package io.tandem.pipeline.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** PSI against values worked out by hand (shares, then Σ (q − p) · ln(q / p)). */
class PsiTest {
    @Test
    void sameDistributionScoresZeroWhateverTheSampleSizes() {
        assertThat(Psi.score(new double[] {10, 30, 60}, new double[] {1, 3, 6})).isEqualTo(0.0);
    }

    @Test
    void halfAndHalfAgainstAQuarterAndThreeQuarters() {
        // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5) = 0.173287 + 0.101366
        assertThat(Psi.score(new double[] {50, 50}, new double[] {25, 75})).isCloseTo(0.2746531, within(1e-6));
    }

    @Test
    void reversedFourBinsIsSymmetric() {
        double[] p = {10, 20, 30, 40};
        double[] q = {40, 30, 20, 10};
        // 2·[(0.3)·ln 4 + (0.1)·ln 1.5] = 0.831777 + 0.081093
        assertThat(Psi.score(p, q)).isCloseTo(0.9128696, within(1e-6));
        assertThat(Psi.score(q, p)).isCloseTo(Psi.score(p, q), within(1e-12));
    }

    @Test
    void anEmptyBinCountsAsEpsilonInsteadOfInfinity() {
        // reference (1, 0) → (1, 1e-4); live (0.9, 0.1): (−0.1)·ln 0.9 + (0.0999)·ln 1000
        assertThat(Psi.score(new double[] {100, 0}, new double[] {90, 10})).isCloseTo(0.7006208, within(1e-6));
    }

    @Test
    void verdictsFollowTheUsualThresholds() {
        assertThat(Psi.verdict(0.0)).isEqualTo("stable");
        assertThat(Psi.verdict(0.0999)).isEqualTo("stable");
        assertThat(Psi.verdict(0.1)).isEqualTo("moderate");
        assertThat(Psi.verdict(0.2499)).isEqualTo("moderate");
        assertThat(Psi.verdict(0.25)).isEqualTo("significant");
    }

    @Test
    void refusesMismatchedOrEmptyDistributions() {
        assertThatThrownBy(() -> Psi.score(new double[] {1, 2}, new double[] {1, 2, 3}))
                .hasMessageContaining("reference has 2 bins, live has 3");
        assertThatThrownBy(() -> Psi.score(new double[] {1, 2}, new double[] {0, 0}))
                .hasMessageContaining("live distribution is empty");
    }

    @Test
    void histogramsScoreTheirCounts() {
        Histogram ref = new Histogram(new double[] {0.5});
        Histogram live = new Histogram(new double[] {0.5});
        for (int i = 0; i < 50; i++) {
            ref.add(0);
            ref.add(1);
        }
        for (int i = 0; i < 25; i++) {
            live.add(0);
            live.add(1);
            live.add(1);
            live.add(1);
        }
        assertThat(Psi.score(ref, live)).isCloseTo(0.2746531, within(1e-6));
    }
}
