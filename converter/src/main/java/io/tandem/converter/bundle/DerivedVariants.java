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
 * are only kept while the fp32 model they were made from is the same one, and they keep their
 * place around fp32: the order says which variant each device takes first. A variant whose file no
 * longer matches its entry is dropped; one whose file is not there yet is kept.
 */
public final class DerivedVariants {
    private DerivedVariants() {
    }

    /**
     * The variants of the manifest in {@code dir} in their order, its fp32 entry replaced by
     * {@code fp32}, if its fp32 variant has the same sha256; else {@code fp32} alone.
     */
    public static List<Variant> kept(Path dir, Variant fp32) {
        String fp32Sha = fp32.file().sha256();
        List<Variant> out = new ArrayList<>(List.of(fp32));
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
        out.clear();
        for (Variant v : old.variants()) {
            // A derived variant whose file differs from its entry is not kept on trust: it is dropped. One whose file is
            // missing (a fresh clone: model files are build output) keeps its entry and figures; the build's quantize
            // writes the file again and keeps the figures only if it makes the very bytes the entry names.
            if (v.name().equals("fp32")) {
                out.add(fp32);
            } else if (!Files.exists(dir.resolve(v.file().path())) || BundleCheck.verify(dir, v.file(), "variant " + v.name()).ok()) {
                out.add(v);
            }
        }
        return out;
    }
}
