package io.tandem.converter.bundle;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.ReferenceStats;

import io.tandem.pipeline.json.Json;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The drift reference of a bundle's current manifest, kept by a new import while the inputs are
 * made the same way (same task, inputs and preprocessing): the statistics are of the preprocessed
 * samples, so nothing they depend on has changed. {@code validate} fills it in otherwise.
 */
public final class KeptReference {
    private KeptReference() {
    }

    /** The old manifest's reference if {@code fresh} prepares inputs as it did, else null. */
    public static ReferenceStats of(Path dir, Manifest fresh) {
        Path file = dir.resolve(BundleWriter.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Manifest old;
        try {
            old = Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable manifest is rewritten from scratch
        }
        boolean sameInputs = old.task() == fresh.task()
                && asWritten(old.preprocessing().raw()).equals(asWritten(fresh.preprocessing().raw()))
                && old.inputs().toString().equals(fresh.inputs().toString());
        return sameInputs ? old.reference() : null;
    }

    /** A section as the manifest holds it once written and read back: a recipe's 1.0 and a manifest's 1 are one setting. */
    private static String asWritten(Object section) {
        return Json.write(Json.parse(Json.write(section)));
    }
}
