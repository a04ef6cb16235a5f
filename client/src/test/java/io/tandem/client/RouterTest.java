package io.tandem.client;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private static final Set<String> ALL = Set.of("webgpu", "wasm", "server");
    private static final Router.Snapshot HARDWARE_GPU = new Router.Snapshot(true, false, true, true);
    private static final Router.Snapshot SWIFTSHADER = new Router.Snapshot(true, true, true, true);
    private static final Router.Snapshot NO_GPU = new Router.Snapshot(false, false, true, false);

    @Test
    void autoPrefersAHardwareAdapter() {
        Router.Plan p = Router.plan(Device.AUTO, true, HARDWARE_GPU, ALL, Set.of());
        assertThat(p.chain()).containsExactly(Device.WEBGPU, Device.WASM, Device.SERVER);
        assertThat(p.reason()).startsWith("auto chose webgpu");
    }

    @Test
    void autoNeverPicksASoftwareFallbackAdapter() {
        Router.Plan p = Router.plan(Device.AUTO, true, SWIFTSHADER, ALL, Set.of());
        assertThat(p.chain()).containsExactly(Device.WASM, Device.SERVER);
        assertThat(p.reason()).contains("auto chose wasm", "software fallback");
    }

    @Test
    void autoWithoutWebGpuSaysSoAndWhenThreadsAreMissing() {
        Router.Plan p = Router.plan(Device.AUTO, true, NO_GPU, ALL, Set.of());
        assertThat(p.chain()).containsExactly(Device.WASM, Device.SERVER);
        assertThat(p.reason()).contains("one thread", "no WebGPU adapter");
    }

    @Test
    void autoSkipsDevicesThatFailedBeforeAndThoseWithoutAVariant() {
        assertThat(Router.plan(Device.AUTO, true, HARDWARE_GPU, ALL, Set.of("webgpu")).chain()).containsExactly(Device.WASM, Device.SERVER);
        Router.Plan p = Router.plan(Device.AUTO, true, HARDWARE_GPU, Set.of("server"), Set.of());
        assertThat(p.chain()).containsExactly(Device.SERVER);
        assertThat(p.reason()).contains("no webgpu variant", "no wasm variant");
    }

    @Test
    void aForcedDeviceFallsBackOnlyWhenAsked() {
        assertThat(Router.plan(Device.WEBGPU, false, NO_GPU, ALL, Set.of()).chain()).containsExactly(Device.WEBGPU);
        assertThat(Router.plan(Device.WEBGPU, true, NO_GPU, ALL, Set.of()).chain()).containsExactly(Device.WEBGPU, Device.WASM, Device.SERVER);
        assertThat(Router.plan(Device.WASM, true, NO_GPU, ALL, Set.of()).chain()).containsExactly(Device.WASM, Device.SERVER);
        assertThat(Router.plan(Device.SERVER, true, NO_GPU, ALL, Set.of()).chain()).containsExactly(Device.SERVER);
    }

    @Test
    void failureSimulationReadsDevicesAndRunFailures() {
        FailureSimulation s = FailureSimulation.parse("webgpu, wasm-run");
        assertThat(s.atOpen(Device.WEBGPU)).isTrue();
        assertThat(s.atOpen(Device.WASM)).isFalse();
        assertThat(s.atRun(Device.WASM)).isTrue();
        assertThat(FailureSimulation.parse(null).atOpen(Device.WASM)).isFalse();
        assertThatThrownBy(() -> FailureSimulation.parse("auto")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailureSimulation.parse("gpu")).hasMessageContaining("unknown device 'gpu'");
        assertThat(List.of(Device.values())).contains(Device.AUTO);
    }
}
