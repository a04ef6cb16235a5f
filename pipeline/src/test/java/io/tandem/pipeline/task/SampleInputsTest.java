package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleInputsTest {
    @Test
    void everyInputKindHasASampleOfThatKind() {
        for (Task.InputKind kind : Task.InputKind.values()) {
            assertThat(SampleInputs.of(kind).kind()).as(kind.name()).isEqualTo(kind);
        }
    }

    @Test
    void theImageSampleHasInkForTheDigitPipelineToFind() {
        byte[] rgba = SampleInputs.of(Task.InputKind.IMAGE).image().rgba();
        int bright = 0;
        for (int i = 0; i < rgba.length; i += 4) {
            bright += (rgba[i] & 0xff) == 255 ? 1 : 0;
        }
        assertThat(bright).isGreaterThan(0).isLessThan(rgba.length / 4);
    }
}
