package io.tandem.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fallback logic on the JVM: devices that open or fail as the test says. */
class DeviceChainTest {
    /** Opens every device except those listed in {@code failing} (with their codes), recording each try. */
    private static final class FakeOpener implements DeviceChain.Opener {
        final List<Device> tried = new ArrayList<>();
        final java.util.Map<Device, String> failing = new java.util.HashMap<>();

        @Override
        public DeviceChain.Opened open(Device device) {
            tried.add(device);
            String code = failing.get(device);
            if (code != null) {
                throw new TandemException(code, device.wireName() + " broke");
            }
            return new DeviceChain.Opened(device, null, null);
        }
    }

    private final FakeOpener opener = new FakeOpener();
    private final Set<Device> remembered = new HashSet<>();

    private DeviceChain chain(Device... devices) {
        return new DeviceChain("m", new Router.Plan(List.of(devices), "auto chose " + devices[0].wireName()), opener, remembered::add);
    }

    @Test
    void opensTheFirstDeviceThatWorks() {
        opener.failing.put(Device.WEBGPU, "runtime");
        DeviceChain c = chain(Device.WEBGPU, Device.WASM, Device.SERVER);
        assertThat(c.openFirst().device).isEqualTo(Device.WASM);
        assertThat(c.fallbacks()).containsExactly("webgpu failed: webgpu broke");
        assertThat(c.reason()).isEqualTo("auto chose webgpu; fell back to wasm");
        assertThat(remembered).containsExactly(Device.WEBGPU);
        assertThat(c.canFallBack()).isTrue();
        assertThat(c.next()).isEqualTo(Device.SERVER);
    }

    @Test
    void aMissingVariantMovesOnToo() {
        opener.failing.put(Device.WEBGPU, "no_variant");
        assertThat(chain(Device.WEBGPU, Device.WASM).openFirst().device).isEqualTo(Device.WASM);
    }

    @Test
    void integrityAndHttpFailuresAreNotDeviceFailures() {
        opener.failing.put(Device.WEBGPU, "integrity");
        assertThatThrownBy(() -> chain(Device.WEBGPU, Device.WASM).openFirst())
                .isInstanceOf(TandemException.class).hasMessage("webgpu broke");
        assertThat(opener.tried).containsExactly(Device.WEBGPU);
        assertThat(remembered).isEmpty();
    }

    @Test
    void theLastFailureListsWhatFailedBefore() {
        opener.failing.put(Device.WEBGPU, "runtime");
        opener.failing.put(Device.WASM, "runtime");
        assertThatThrownBy(() -> chain(Device.WEBGPU, Device.WASM).openFirst())
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo("runtime"))
                .hasMessage("wasm broke (after: webgpu failed: webgpu broke)");
    }

    @Test
    void aFailureWhileRunningMovesAlongAndIsRemembered() {
        DeviceChain c = chain(Device.WASM, Device.SERVER);
        assertThat(c.openFirst().device).isEqualTo(Device.WASM);
        DeviceChain.Opened next = c.fallBack(new TandemException("runtime", "out of memory"));
        assertThat(next.device).isEqualTo(Device.SERVER);
        assertThat(c.fallbacks()).containsExactly("wasm failed: out of memory");
        assertThat(c.reason()).endsWith("; fell back to server");
        assertThat(remembered).containsExactly(Device.WASM);
        assertThat(c.canFallBack()).isFalse();
        assertThat(c.next()).isNull();
    }

    @Test
    void aSlowDeviceIsPassedOverButNotRememberedAsFailed() {
        DeviceChain c = chain(Device.WASM, Device.SERVER);
        c.openFirst();
        c.explain("wasm warm-up 900 ms (best of 3), over its 500 ms budget");
        assertThat(c.passOver("wasm warm-up 900 ms (best of 3), over its 500 ms budget").device).isEqualTo(Device.SERVER);
        assertThat(c.fallbacks()).containsExactly("wasm too slow: wasm warm-up 900 ms (best of 3), over its 500 ms budget");
        assertThat(c.reason()).isEqualTo("auto chose wasm; wasm warm-up 900 ms (best of 3), over its 500 ms budget; fell back to server");
        assertThat(remembered).isEmpty();
    }

    @Test
    void aForcedDeviceHasNothingToFallBackTo() {
        opener.failing.put(Device.WASM, "runtime");
        assertThatThrownBy(() -> chain(Device.WASM).openFirst()).hasMessage("wasm broke");
        assertThat(remembered).isEmpty();
    }
}
