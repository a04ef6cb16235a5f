package io.tandem.server.inference;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FiniteOutputsTest {
    @Test
    void findsANonFiniteNumberAnywhereInAnOutput() {
        assertThat(FiniteOutputs.finite(List.of(Map.of("label", "7", "score", 0.9)))).isTrue();
        assertThat(FiniteOutputs.finite(new float[]{1, 2})).isTrue();
        assertThat(FiniteOutputs.finite(List.of(Map.of("label", "7", "score", Double.NaN)))).isFalse();
        assertThat(FiniteOutputs.finite(new float[]{1, Float.POSITIVE_INFINITY})).isFalse();
        assertThat(FiniteOutputs.finite(new double[]{Double.NEGATIVE_INFINITY})).isFalse();
        assertThat(FiniteOutputs.finite(Map.of("x", List.of(List.of(1.0f, Float.NaN))))).isFalse();
        assertThat(FiniteOutputs.finite(new Object[]{1.0, Double.NaN})).isFalse();
    }
}
