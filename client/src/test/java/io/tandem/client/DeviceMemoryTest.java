package io.tandem.client;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceMemoryTest {
    /** localStorage as a map. */
    private final Map<String, String> stored = new TreeMap<>();
    private final DeviceMemory.Storage storage = new DeviceMemory.Storage() {
        @Override
        public String get(String key) {
            return stored.get(key);
        }

        @Override
        public void set(String key, String value) {
            if (value == null) {
                stored.remove(key);
            } else {
                stored.put(key, value);
            }
        }

        @Override
        public void removeOthers(String prefix, String keep) {
            stored.keySet().removeIf(k -> k.startsWith(prefix) && !k.equals(keep));
        }
    };

    @Test
    void remembersRealFailuresOfPageDevicesPerVersion() {
        DeviceMemory memory = new DeviceMemory(storage, "m", "1.0.0", "browser", d -> d == Device.WEBGPU);
        memory.failed(Device.WASM);
        memory.failed(Device.WASM);
        memory.failed(Device.WEBGPU); // simulated: not remembered
        memory.failed(Device.SERVER); // the server's failures pass
        assertThat(stored).containsExactly(Map.entry("tandem:failed:m@1.0.0", "wasm"));
        assertThat(memory.failedBefore()).containsExactly("wasm");
        assertThat(new DeviceMemory(storage, "m", "1.1.0", "browser", d -> false).failedBefore()).isEmpty();
    }

    @Test
    void keepsOneChoicePerModelAndDropsOtherVersions() {
        DeviceMemory old = new DeviceMemory(storage, "m", "1.0.0", "browser", d -> false);
        old.remember(new RememberedChoice(Device.WASM, "auto chose wasm", 3.5));
        DeviceMemory next = new DeviceMemory(storage, "m", "2.0.0", "browser", d -> false);
        assertThat(next.choice()).isNull();
        next.remember(new RememberedChoice(Device.SERVER, "wasm too slow", Double.NaN));
        assertThat(old.choice()).isNull();
        assertThat(next.choice().device()).isEqualTo(Device.SERVER);
        assertThat(stored).containsOnlyKeys(next.choiceKey());
    }
}
