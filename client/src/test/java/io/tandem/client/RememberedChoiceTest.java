package io.tandem.client;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RememberedChoiceTest {
    private static final Set<String> ALL = Set.of("webgpu", "wasm", "server");
    private static final Router.Snapshot HARDWARE_GPU = new Router.Snapshot(true, false, true, true);

    @Test
    void aChoiceSurvivesStorageAsText() {
        RememberedChoice c = RememberedChoice.parse(new RememberedChoice(Device.WASM, "auto chose wasm: WebAssembly with threads", 12.5).encode());
        assertThat(c.device()).isEqualTo(Device.WASM);
        assertThat(c.reason()).isEqualTo("auto chose wasm: WebAssembly with threads");
        assertThat(c.warmUpMs()).isEqualTo(12.5);
        RememberedChoice server = RememberedChoice.parse(new RememberedChoice(Device.SERVER, "moved", Double.NaN).encode());
        assertThat(server.device()).isEqualTo(Device.SERVER);
        assertThat(server.warmUpMs()).isNaN();
    }

    @Test
    void whatCannotBeReadIsForgottenSoTheLoadMeasuresAgain() {
        assertThat(RememberedChoice.parse(null)).isNull();
        assertThat(RememberedChoice.parse("")).isNull();
        assertThat(RememberedChoice.parse("{not json")).isNull();
        assertThat(RememberedChoice.parse("{\"device\":\"gpu\",\"reason\":\"x\"}")).isNull();
        assertThat(RememberedChoice.parse("{\"device\":\"auto\",\"reason\":\"x\"}")).isNull();
        assertThat(RememberedChoice.parse("{\"reason\":\"x\"}")).isNull();
    }

    @Test
    void theKeyChangesWithTheModelVersionAndTheDevice() {
        String k = RememberedChoice.key("minilm-l6-v2", "1.0.0", "Chrome/140|8|true|false|||false");
        assertThat(k).matches("tandem:choice:minilm-l6-v2@1\\.0\\.0#[0-9a-f]{8}").startsWith(RememberedChoice.prefix("minilm-l6-v2"));
        assertThat(RememberedChoice.key("minilm-l6-v2", "1.0.1", "Chrome/140|8|true|false|||false")).isNotEqualTo(k);
        assertThat(RememberedChoice.key("minilm-l6-v2", "1.0.0", "Chrome/140|4|true|false|||false")).isNotEqualTo(k);
        assertThat(RememberedChoice.key("minilm-l6-v2", "1.0.0", "Chrome/140|8|true|false|||false")).isEqualTo(k);
    }

    @Test
    void theHashIsFnv1a() {
        // Reference values of 32-bit FNV-1a.
        assertThat(RememberedChoice.hash("")).isEqualTo("811c9dc5");
        assertThat(RememberedChoice.hash("a")).isEqualTo("e40c292c");
        assertThat(RememberedChoice.hash("foobar")).isEqualTo("bf9cf968");
    }

    @Test
    void aRememberedDeviceResumesThePlanThereAndKeepsWhatFollowsForFallback() {
        Router.Plan plan = Router.plan(Device.AUTO, true, HARDWARE_GPU, ALL, Set.of());
        Router.Plan resumed = Router.remembered(plan, new RememberedChoice(Device.WASM, "auto chose webgpu: …; webgpu warm-up 900 ms", 11));
        assertThat(resumed.chain()).containsExactly(Device.WASM, Device.SERVER);
        assertThat(resumed.reason()).isEqualTo("remembered: auto chose webgpu: …; webgpu warm-up 900 ms");
        assertThat(Router.remembered(plan, new RememberedChoice(Device.SERVER, "x", Double.NaN)).chain()).containsExactly(Device.SERVER);
    }

    @Test
    void aRememberedDeviceThatFailedSinceIsNotReused() {
        Router.Plan plan = Router.plan(Device.AUTO, true, HARDWARE_GPU, ALL, Set.of("webgpu"));
        assertThat(Router.remembered(plan, new RememberedChoice(Device.WEBGPU, "auto chose webgpu", 3))).isNull();
    }
}
