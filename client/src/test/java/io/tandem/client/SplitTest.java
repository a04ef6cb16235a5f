package io.tandem.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTest {
    private static final String[] SAMPLES = {"", "a", "a,b", "a,,b", "a,b,", "a,b,,", ",a", ",", ",,", "a,,"};

    @Test
    void allIsSplitWithALimitOfMinusOne() {
        for (String s : SAMPLES) {
            assertThat(Split.all(s, ',')).as(s).containsExactly(s.split(",", -1));
        }
    }

    @Test
    void dropTrailingEmptyIsPlainSplit() {
        for (String s : SAMPLES) {
            assertThat(Split.dropTrailingEmpty(s, ',')).as(s).containsExactly(s.split(","));
        }
    }
}
