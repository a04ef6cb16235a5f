package io.tandem.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTest {
    @Test
    void readsEveryWireNameBack() {
        for (Device d : Device.values()) {
            assertThat(Device.fromWireName(d.wireName())).isEqualTo(d);
        }
    }

    @Test
    void missingPreferenceMeansAuto() {
        assertThat(Device.fromWireName(null)).isEqualTo(Device.AUTO);
        assertThat(Device.fromWireName("")).isEqualTo(Device.AUTO);
    }

    @Test
    void autoResolvesToWasmForNow() {
        assertThat(Device.AUTO.resolve()).isEqualTo(Device.WASM);
        assertThat(Device.WEBGPU.resolve()).isEqualTo(Device.WEBGPU);
        assertThat(Device.SERVER.resolve()).isEqualTo(Device.SERVER);
    }

    @Test
    void pageDevicesNameTheirRuntimeAndProvider() {
        assertThat(Device.WASM.ortModule()).isEqualTo("ort.wasm.min.mjs");
        assertThat(Device.WASM.executionProvider()).isEqualTo("wasm");
        assertThat(Device.WEBGPU.ortModule()).isEqualTo("ort.webgpu.min.mjs");
        assertThat(Device.WEBGPU.executionProvider()).isEqualTo("webgpu");
        assertThat(Device.SERVER.runsInPage()).isFalse();
        assertThat(Device.WASM.runsInPage()).isTrue();
    }

    @Test
    void unknownDeviceListsTheKnownOnes() {
        assertThatThrownBy(() -> Device.fromWireName("tpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown device 'tpu'; expected one of 'auto', 'wasm', 'webgpu', 'server'");
    }
}
