package io.tandem.converter.bundle;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The variants a bundle holds besides fp32 (int8, fp16 …), read from its current manifest. They
 * are only kept while the fp32 model they were made from is the same one.
 */
public final class DerivedVariants {
    private DerivedVariants() {
    }

    /** Non-fp32 variants of the manifest in {@code dir}, if its fp32 variant has sha256 {@code fp32Sha}. */
    public static List<Variant> kept(Path dir, String fp32Sha) {
        List<Variant> out = new ArrayList<>();
        Path file = dir.resolve(BundleWriter.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Manifest old;
        try {
            old = Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return out; // an unreadable manifest is rewritten from scratch
        }
        boolean sameSource = old.variants().stream().anyMatch(v -> v.name().equals("fp32") && v.file().sha256().equals(fp32Sha));
        if (!sameSource) {
            return out;
        }
        for (Variant v : old.variants()) {
            if (!v.name().equals("fp32")) {
                out.add(v);
            }
        }
        return out;
    }
}
