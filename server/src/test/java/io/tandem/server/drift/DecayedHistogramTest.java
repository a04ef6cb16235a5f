package io.tandem.server.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecayedHistogramTest {
    @Test
    void countsExactlyUntilTheCapacityThenMakesRoomForTheNewest() {
        DecayedHistogram h = new DecayedHistogram(new double[] {0.5}, 10);
        for (int i = 0; i < 10; i++) {
            h.add(0);
        }
        assertThat(h.counts()).containsExactly(10, 0);
        h.add(1);
        // the old ten are scaled to 9 so the total stays 10
        assertThat(h.counts()[0]).isCloseTo(9, within(1e-12));
        assertThat(h.counts()[1]).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            h.add(1);
        }
        assertThat(h.total()).isCloseTo(10, within(1e-9));
        // after a long run of ones the zeros have all but gone: the window follows the live traffic
        assertThat(h.counts()[0]).isLessThan(1e-6);
    }

    @Test
    void aReportLargerThanTheWindowIsScaledToFitIt() {
        DecayedHistogram h = new DecayedHistogram(new double[] {0.5}, 10);
        h.add(0);
        h.addCounts(new long[] {5, 15});
        assertThat(h.total()).isCloseTo(10, within(1e-9));
        assertThat(h.counts()[0]).isCloseTo(2.5, within(1e-9));
        assertThat(h.counts()[1]).isCloseTo(7.5, within(1e-9));
    }
}
