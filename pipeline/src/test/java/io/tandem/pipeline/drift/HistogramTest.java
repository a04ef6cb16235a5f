package io.tandem.pipeline.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistogramTest {
    @Test
    void binsAreClosedBelowAndOpenAtBothEnds() {
        double[] edges = {1, 2, 4};
        assertThat(Histogram.binOf(edges, -100)).isEqualTo(0);
        assertThat(Histogram.binOf(edges, 0.999)).isEqualTo(0);
        assertThat(Histogram.binOf(edges, 1)).isEqualTo(1);
        assertThat(Histogram.binOf(edges, 3.9)).isEqualTo(2);
        assertThat(Histogram.binOf(edges, 4)).isEqualTo(3);
        assertThat(Histogram.binOf(edges, 1e9)).isEqualTo(3);
        assertThat(Histogram.binOf(new double[0], 5)).isEqualTo(0);
    }

    @Test
    void countsAndClears() {
        Histogram h = new Histogram(new double[] {0.5});
        h.add(0);
        h.add(1);
        h.add(2);
        assertThat(h.counts()).containsExactly(1, 2);
        assertThat(h.total()).isEqualTo(3);
        h.clear();
        assertThat(h.total()).isZero();
    }

    @Test
    void refusesEdgesThatDoNotIncreaseAndCountsThatDoNotFit() {
        assertThatThrownBy(() -> new Histogram(new double[] {1, 1})).hasMessageContaining("must increase");
        assertThatThrownBy(() -> new Histogram(new double[] {1}, new long[] {1})).hasMessageContaining("1 edges make 2 bins, found 1 counts");
        assertThatThrownBy(() -> new Histogram(new double[] {1}, new long[] {1, -1})).hasMessageContaining("negative");
    }

    @Test
    void decileEdgesSplitTheReferenceEvenlyAndDropRepeats() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i;
        }
        assertThat(References.quantileEdges(values, 10)).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
        double[] mostlyTwo = new double[100];
        java.util.Arrays.fill(mostlyTwo, 2);
        mostlyTwo[99] = 7;
        mostlyTwo[98] = 5;
        // every decile but the top is 2 = the minimum, which would make an empty first bin
        assertThat(References.quantileEdges(mostlyTwo, 10)).isEmpty();
        assertThat(References.round4(0.123456)).isEqualTo(0.1235);
        assertThat(References.round4(-12345.6)).isEqualTo(-12350);
    }
}
