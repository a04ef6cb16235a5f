package io.tandem.client;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What this browser remembers about a model version's devices, in {@code localStorage}: those that
 * really failed ({@code tandem:failed:<id>@<version>}, skipped by later {@code auto} loads) and
 * {@code auto}'s measured choice ({@link RememberedChoice}, keyed by a browser fingerprint too).
 * The storage is behind {@link Storage}, so this is tested on the JVM.
 */
final class DeviceMemory implements DeviceChain.Failures {
    /** {@code localStorage}, or a map in tests; failures to store are the storage's to ignore. */
    interface Storage {
        String get(String key);

        /** Sets {@code key}, or removes it when {@code value} is null. */
        void set(String key, String value);

        /** Removes every key that starts with {@code prefix} except {@code keep}. */
        void removeOthers(String prefix, String keep);
    }

    private final Storage storage;
    private final String modelId;
    private final String version;
    private final String fingerprint;
    private final Predicate<Device> simulated;

    /**
     * {@code simulated}: devices whose failure the page asked for (test-only {@code _simulateFailure}),
     * which are never remembered; nor is the server, whose failures pass.
     */
    DeviceMemory(Storage storage, String modelId, String version, String fingerprint, Predicate<Device> simulated) {
        this.storage = storage;
        this.modelId = modelId;
        this.version = version;
        this.fingerprint = fingerprint;
        this.simulated = simulated;
    }

    /** The wire names of the devices that failed for this model version before. */
    Set<String> failedBefore() {
        Set<String> out = new LinkedHashSet<>();
        String stored = storage.get(failedKey());
        if (stored != null && !stored.isEmpty()) {
            for (String s : Split.dropTrailingEmpty(stored, ',')) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void failed(Device device) {
        if (device == Device.SERVER || simulated.test(device)) {
            return;
        }
        Set<String> failed = failedBefore();
        failed.add(device.wireName());
        storage.set(failedKey(), String.join(",", failed));
    }

    /** {@code auto}'s stored choice for this version and browser, or null. */
    RememberedChoice choice() {
        return RememberedChoice.parse(storage.get(choiceKey()));
    }

    /** Stores {@code choice} and removes the choices of other versions (and browsers). */
    void remember(RememberedChoice choice) {
        storage.set(choiceKey(), choice.encode());
        storage.removeOthers(RememberedChoice.prefix(modelId), choiceKey());
    }

    String failedKey() {
        return "tandem:failed:" + modelId + "@" + version;
    }

    String choiceKey() {
        return RememberedChoice.key(modelId, version, fingerprint);
    }
}
