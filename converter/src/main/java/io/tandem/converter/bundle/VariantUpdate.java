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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a variant into a bundle: writes its model file and its manifest entry. Manifests list
 * variants best first and a device takes the first variant that names it, so the position is a
 * choice: by default a new variant is appended (fp32 stays every device's first choice) and an
 * existing one keeps its place; {@code before} puts it ahead of another variant (just before it,
 * unless it is already somewhere ahead), which makes it the default for the devices it names. A variant whose file is unchanged keeps its metrics (they
 * were measured on these bytes); a changed file loses them.
 */
public final class VariantUpdate {
    private VariantUpdate() {
    }

    /** Appends or updates in place; returns true when anything was written. */
    public static boolean put(Path bundle, String name, String precision, String fileName, byte[] model, List<String> devices) {
        return put(bundle, name, precision, fileName, model, devices, null);
    }

    /**
     * Like {@link #put(Path, String, String, String, byte[], List)}, placing the variant just before
     * the variant named {@code before} (null: append a new one, keep an existing one's place).
     */
    public static boolean put(Path bundle, String name, String precision, String fileName, byte[] model, List<String> devices,
            String before) {
        return put(bundle, name, precision, fileName, model, devices, before, null);
    }

    /** The same, recording an int8 variant's weight range ({@code full}, {@code 7bit}, {@code u8}; null: none). */
    public static boolean put(Path bundle, String name, String precision, String fileName, byte[] model, List<String> devices,
            String before, String weightRange) {
        Manifest manifest = read(bundle);
        if (before != null && before.equals(name)) {
            throw new ConverterException("--before names the variant itself ('" + name + "'); expected another variant of " + bundle);
        }
        if (before != null && manifest.variants().stream().noneMatch(v -> v.name().equals(before))) {
            throw new ConverterException("--before " + before + ": bundle " + bundle + " has no such variant; expected one of "
                    + manifest.variants().stream().map(Variant::name).toList());
        }
        String sha = Sha256.of(model);
        Variant old = manifest.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
        // The manifest already describes these very bytes (a fresh clone builds the committed variant again): its
        // figures were measured on them and stay; only a missing or different file on disk is written.
        boolean sameBytes = old != null && old.file().sha256().equals(sha) && old.file().path().equals(fileName)
                && old.precision().equals(precision);
        boolean fileCurrent = sameBytes && onDisk(bundle.resolve(fileName), sha);
        Variant entry = new Variant(name, precision, new BundleFile(fileName, model.length, sha), devices,
                sameBytes ? old.metrics() : Map.of(), weightRange);

        List<String> names = manifest.variants().stream().map(Variant::name).toList();
        // Already ahead of `before`: it keeps its place, so several variants placed before fp32 keep their order.
        boolean keepPlace = old != null && (before == null || names.indexOf(name) < names.indexOf(before));
        List<Variant> order = new ArrayList<>();
        for (Variant v : manifest.variants()) {
            if (!keepPlace && v.name().equals(before)) {
                order.add(entry);
            }
            if (v.name().equals(name)) {
                if (keepPlace) {
                    order.add(entry);
                }
            } else {
                order.add(v);
            }
        }
        if (old == null && before == null) {
            order.add(entry);
        }
        Manifest.Builder b = manifest.toBuilder().clearVariants();
        order.forEach(b::variant);
        Manifest result = b.build();
        boolean manifestChanged = !result.toJson().equals(manifest.toJson());
        if (fileCurrent && !manifestChanged) {
            return false;
        }
        if (!fileCurrent) {
            BundleWriter.writeFile(bundle.resolve(fileName), model);
        }
        if (manifestChanged) {
            writeManifest(bundle, result);
        }
        return true;
    }

    private static boolean onDisk(Path file, String sha) {
        try {
            return Files.isRegularFile(file) && Sha256.of(file).equals(sha);
        } catch (IOException e) {
            return false;
        }
    }

    public static Manifest read(Path bundle) {
        return BundleCheck.readManifest(bundle);
    }

    public static void writeManifest(Path bundle, Manifest manifest) {
        String json = manifest.toJson();
        Manifest.parse(json); // never write what the readers would refuse
        BundleWriter.writeFile(bundle.resolve(BundleWriter.MANIFEST), json.getBytes(StandardCharsets.UTF_8));
    }
}
