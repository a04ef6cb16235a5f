package io.tandem.client;

import io.tandem.pipeline.bundle.Manifest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On the repository's minilm-l6-v2 manifest: int8 (wasm), fp16 (webgpu), fp32-fused and int8-server (server), fp32 (all). */
class VariantChoiceTest {
    private static final Manifest MINILM = manifest();

    private static Manifest manifest() {
        try {
            return Manifest.parse(Files.readString(Path.of("../models/minilm-l6-v2/manifest.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachDeviceRunsItsFirstVariant() {
        VariantChoice v = new VariantChoice("minilm-l6-v2", MINILM, null);
        assertThat(v.nameFor(Device.WASM)).isEqualTo("int8");
        assertThat(v.nameFor(Device.WEBGPU)).isEqualTo("fp16");
        assertThat(v.nameFor(Device.SERVER)).isEqualTo("fp32-fused");
        assertThat(v.devices()).containsExactlyInAnyOrder("wasm", "webgpu", "server");
        assertThat(v.asked()).isFalse();
    }

    @Test
    void anAskedVariantRunsWhereItIsMeantTo() {
        VariantChoice v = new VariantChoice("minilm-l6-v2", MINILM, "fp32");
        assertThat(v.nameFor(Device.WASM)).isEqualTo("fp32");
        assertThat(v.nameFor(Device.WEBGPU)).isEqualTo("fp32");
        // The server runs only its own variant.
        assertThat(v.nameFor(Device.SERVER)).isNull();
        assertThatThrownBy(() -> v.forDevice(Device.SERVER)).hasMessage("the server runs variant 'fp32-fused' of bundle 'minilm-l6-v2', not 'fp32'");
        VariantChoice fp16 = new VariantChoice("minilm-l6-v2", MINILM, "fp16");
        assertThat(fp16.devices()).containsExactly("webgpu");
        assertThatThrownBy(() -> fp16.forDevice(Device.WASM))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo("no_variant"))
                .hasMessage("variant 'fp16' of bundle 'minilm-l6-v2' is not meant for wasm (its devices: webgpu)");
    }

    @Test
    void aVariantTheBundleLacksIsRefusedAtOnce() {
        assertThatThrownBy(() -> new VariantChoice("minilm-l6-v2", MINILM, "fp8"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo("no_variant"))
                .hasMessage("bundle 'minilm-l6-v2' has no variant 'fp8'; it has [int8, fp16, fp32-fused, int8-server, fp32]");
    }
}
