package io.tandem.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadPhasesTest {
    private double now = 1000;

    @Test
    void phasesAreRelativeToTheLoadAndOrderedByStart() {
        LoadPhases phases = new LoadPhases(() -> now);
        now = 1012.34;
        double importBegan = phases.begin();
        double modelBegan = phases.begin();
        now = 1050;
        phases.end("model file", modelBegan);
        now = 1080.06;
        phases.end("runtime import", importBegan);

        assertThat(phases.phases()).containsExactly(
                new LoadPhases.Phase("model file", 12.3, 37.7),
                new LoadPhases.Phase("runtime import", 12.3, 67.7));
        assertThat(phases.elapsed()).isCloseTo(80.06, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aPhaseEndedLaterButBegunEarlierGoesBeforeLaterStarts() {
        LoadPhases phases = new LoadPhases(() -> now);
        double early = phases.begin();
        now = 1010;
        double late = phases.begin();
        now = 1020;
        phases.end("late", late);
        now = 1030;
        phases.end("early", early);

        assertThat(phases.phases()).extracting(LoadPhases.Phase::name).containsExactly("early", "late");
    }
}
