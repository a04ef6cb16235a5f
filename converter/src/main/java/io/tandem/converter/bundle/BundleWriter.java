package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.io.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a bundle directory: its files, then {@code manifest.json} last, each through a temporary
 * file and a rename, so a reader (or a build killed half way) never sees a manifest that describes
 * files not yet written.
 */
public final class BundleWriter {
    public static final String MANIFEST = "manifest.json";

    private final Path dir;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public BundleWriter(Path dir) {
        this.dir = dir;
    }

    /** Adds a file by its path inside the bundle. */
    public BundleWriter file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /**
     * True when the directory already holds exactly this manifest and files whose sha256 match: then
     * there is nothing to write. Hashes the files on disk rather than trusting times, so a file
     * edited or truncated by hand is rewritten.
     */
    /** A staged text file (the vocabulary), for opening the bundle's pipeline before anything is written. */
    public String text(String path) {
        byte[] content = files.get(path);
        if (content == null) {
            throw new IllegalArgumentException("the bundle has no file '" + path + "'");
        }
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean isCurrent(String manifestJson, Map<String, String> sha256ByPath) {
        try {
            Path manifest = dir.resolve(MANIFEST);
            if (!Files.isRegularFile(manifest) || !Files.readString(manifest, StandardCharsets.UTF_8).equals(manifestJson)) {
                return false;
            }
            for (Map.Entry<String, String> e : sha256ByPath.entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (!Files.isRegularFile(f) || !Sha256.of(f).equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public void write(String manifestJson) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                writeAtomically(dir.resolve(e.getKey()), e.getValue());
            }
            writeAtomically(dir.resolve(MANIFEST), manifestJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConverterException("cannot write bundle " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One file, via a temporary sibling and a rename: readers never see half of it. */
    public static void writeFile(Path target, byte[] content) {
        try {
            writeAtomically(target, content);
        } catch (IOException e) {
            throw new ConverterException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
