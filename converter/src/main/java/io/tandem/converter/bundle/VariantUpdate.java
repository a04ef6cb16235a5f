package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.io.Sha256;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Puts a variant into a bundle: writes its model file and its manifest entry, appended after the
 * existing ones (fp32 stays first, so devices keep their current choice until someone reorders).
 * A variant whose file is unchanged keeps its entry, metrics included; a changed one loses its
 * metrics, which were measured on the old file.
 */
public final class VariantUpdate {
    private VariantUpdate() {
    }

    /** Returns true when anything was written. */
    public static boolean put(Path bundle, String name, String precision, String fileName, byte[] model, List<String> devices) {
        Manifest manifest = read(bundle);
        String sha = Sha256.of(model);
        Variant fresh = new Variant(name, precision, new BundleFile(fileName, model.length, sha), devices, Map.of());
        Manifest.Builder b = manifest.toBuilder().clearVariants();
        boolean found = false;
        boolean changed = true;
        for (Variant v : manifest.variants()) {
            if (v.name().equals(name)) {
                found = true;
                boolean same = v.file().sha256().equals(sha) && v.file().path().equals(fileName) && v.devices().equals(devices)
                        && v.precision().equals(precision) && Files.isRegularFile(bundle.resolve(fileName));
                changed = !same;
                b.variant(same ? v : fresh);
            } else {
                b.variant(v);
            }
        }
        if (!found) {
            b.variant(fresh);
        }
        if (!changed) {
            return false;
        }
        BundleWriter.writeFile(bundle.resolve(fileName), model);
        writeManifest(bundle, b.build());
        return true;
    }

    public static Manifest read(Path bundle) {
        Path file = bundle.resolve(BundleWriter.MANIFEST);
        try {
            return Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConverterException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConverterException(file + " is not a valid manifest: " + e.getMessage(), e);
        }
    }

    public static void writeManifest(Path bundle, Manifest manifest) {
        String json = manifest.toJson();
        Manifest.parse(json); // never write what the readers would refuse
        BundleWriter.writeFile(bundle.resolve(BundleWriter.MANIFEST), json.getBytes(StandardCharsets.UTF_8));
    }
}
