package io.tandem.client;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which manifest variant each device runs: the page's {@code variant} when it names that device
 * (the server only runs its own, the manifest's first for {@code server}), else the manifest's first
 * variant for the device (manifests list variants best first). Plain Java, tested on the JVM.
 */
final class VariantChoice {
    private final String modelId;
    private final Manifest manifest;
    private final String asked;

    /** A {@code variant} the bundle does not have is the page's mistake, not a device failure: refused here, before routing. */
    VariantChoice(String modelId, Manifest manifest, String asked) {
        this.modelId = modelId;
        this.manifest = manifest;
        this.asked = asked;
        if (asked != null) {
            List<String> names = new ArrayList<>();
            for (Variant v : manifest.variants()) {
                names.add(v.name());
            }
            if (!names.contains(asked)) {
                throw new TandemException("no_variant", "bundle '" + modelId + "' has no variant '" + asked + "'; it has " + names);
            }
        }
    }

    /** The variant {@code device} runs; {@code no_variant} (which moves a fallback chain on) when none. */
    Variant forDevice(Device device) {
        try {
            if (asked == null) {
                return manifest.variantFor(device.wireName());
            }
            Variant v = manifest.variant(asked);
            if (!v.supports(device.wireName())) {
                throw new TandemException("no_variant", "variant '" + asked + "' of bundle '" + modelId + "' is not meant for "
                        + device.wireName() + " (its devices: " + String.join(", ", v.devices()) + ")");
            }
            String servers = manifest.variantFor(Device.SERVER.wireName()).name();
            if (device == Device.SERVER && !servers.equals(asked)) {
                throw new TandemException("no_variant", "the server runs variant '" + servers + "' of bundle '" + modelId + "', not '" + asked + "'");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new TandemException("no_variant", e.getMessage());
        }
    }

    /** The name of the variant {@code device} runs, or null when the bundle has none for it. */
    String nameFor(Device device) {
        try {
            return forDevice(device).name();
        } catch (TandemException e) {
            return null;
        }
    }

    /** Whether the page asked for a variant by name. */
    boolean asked() {
        return asked != null;
    }

    /** Devices with a variant to run: the asked-for variant's, else those of every variant. */
    Set<String> devices() {
        Set<String> out = new HashSet<>();
        for (Variant v : manifest.variants()) {
            if (asked == null || v.name().equals(asked)) {
                out.addAll(v.devices());
            }
        }
        return out;
    }
}
