package io.tandem.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarmUpTest {
    @Test
    void aDeviceWithinItsBudgetIsKeptAndJudgedOnItsFastestRun() {
        // The first run pays shader compilation and allocation; the fastest run is the one that counts.
        WarmUp.Verdict v = WarmUp.judge(Device.WASM, List.of(900.0, 14.25, 16.0), false);
        assertThat(v.tooSlow()).isFalse();
        assertThat(v.ms()).isEqualTo(14.25);
        assertThat(v.summary()).isEqualTo("wasm warm-up 14.3 ms (best of 3), within its 500 ms budget");
    }

    @Test
    void aDeviceOverItsBudgetIsPassedOver() {
        WarmUp.Verdict v = WarmUp.judge(Device.WEBGPU, List.of(2600.0, 251.0, 260.0), false);
        assertThat(v.tooSlow()).isTrue();
        assertThat(v.summary()).isEqualTo("webgpu warm-up 251 ms (best of 3), over its 250 ms budget");
        assertThat(WarmUp.judge(Device.WASM, List.of(5000.0), true).summary())
                .isEqualTo("wasm warm-up 5000 ms (simulated) (best of 1), over its 500 ms budget");
    }

    @Test
    void webGpuHasATighterBudgetThanWasm() {
        // 300 ms is acceptable on WASM, but a GPU that slow is emulated: WASM will beat it.
        assertThat(WarmUp.judge(Device.WASM, List.of(300.0), false).tooSlow()).isFalse();
        assertThat(WarmUp.judge(Device.WEBGPU, List.of(300.0), false).tooSlow()).isTrue();
    }

    @Test
    void theWarmUpStopsAfterThreeRunsOrAHopelessOne() {
        assertThat(WarmUp.enough(Device.WASM, List.of())).isFalse();
        assertThat(WarmUp.enough(Device.WASM, List.of(40.0, 10.0))).isFalse();
        assertThat(WarmUp.enough(Device.WASM, List.of(40.0, 10.0, 11.0))).isTrue();
        assertThat(WarmUp.enough(Device.WASM, List.of(40.0, 1999.0))).isFalse();
        assertThat(WarmUp.enough(Device.WASM, List.of(40.0, 2001.0))).as("4 × the 500 ms budget").isTrue();
        assertThat(WarmUp.enough(Device.WEBGPU, List.of(40.0, 1001.0))).as("4 × the 250 ms budget").isTrue();
    }

    @Test
    void aSlowFirstRunGetsASecondChanceUnlessItIsFarOff() {
        // A real GPU compiles its shaders on the first run: seconds for a large model, then fast.
        assertThat(WarmUp.enough(Device.WEBGPU, List.of(3000.0))).isFalse();
        assertThat(WarmUp.judge(Device.WEBGPU, List.of(3000.0, 12.0, 11.0), false).tooSlow()).isFalse();
        assertThat(WarmUp.enough(Device.WEBGPU, List.of(5001.0))).as("20 × the 250 ms budget").isTrue();
        assertThat(WarmUp.enough(Device.WASM, List.of(10001.0))).as("20 × the 500 ms budget").isTrue();
    }

    @Test
    void onlyDevicesInThePageAreWarmedUp() {
        assertThatThrownBy(() -> WarmUp.budget(Device.SERVER)).hasMessageContaining("server is not warmed up");
        assertThatThrownBy(() -> WarmUp.judge(Device.WASM, List.of(), false)).hasMessageContaining("no warm-up run");
    }
}
