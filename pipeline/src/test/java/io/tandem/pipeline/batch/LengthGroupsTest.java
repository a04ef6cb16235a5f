package io.tandem.pipeline.batch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LengthGroupsTest {
    @Test
    void similarLengthsShareAGroupAndOutliersGetTheirOwn() {
        List<int[]> groups = LengthGroups.split(new int[]{10, 100, 11, 12, 98}, 0.25);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsExactly(0, 2, 3);
        assertThat(groups.get(1)).containsExactly(4, 1);
    }

    @Test
    void equalLengthsAreOneGroupAndAShareOfOneNeverSplits() {
        assertThat(LengthGroups.split(new int[]{28, 28, 28}, 0.0)).hasSize(1);
        assertThat(LengthGroups.split(new int[]{1, 50, 200}, 1.0)).hasSize(1);
        assertThat(LengthGroups.split(new int[]{1, 50, 200}, 0.0)).hasSize(3);
        assertThat(LengthGroups.split(new int[0], 0.2)).isEmpty();
    }
}
