package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.io.Sha256;
import io.tandem.converter.io.SourceFile;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a bundle directory's manifest and checks every file it lists against bytes and sha256. */
public final class BundleCheck {
    private BundleCheck() {
    }

    /** One listed file and what was found on disk; {@code problem} is null when it matches. */
    public record FileStatus(String path, String role, long bytes, String sha256, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The one reader of a bundle's manifest for every command: a missing or invalid one is a one-line refusal. */
    public static Manifest readManifest(Path dir) {
        Path file = dir.resolve(BundleWriter.MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new ConverterException("bundle directory not found: " + dir);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConverterException(dir + " is a directory but not a bundle (no " + BundleWriter.MANIFEST + ")");
        }
        try {
            return Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConverterException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConverterException(file + " is not a valid manifest: " + e.getMessage(), e);
        }
    }

    public static List<FileStatus> verify(Path dir, Manifest manifest) {
        List<FileStatus> out = new ArrayList<>();
        for (Variant v : manifest.variants()) {
            out.add(verify(dir, v.file(), "variant " + v.name()));
        }
        for (BundleFile f : manifest.files()) {
            out.add(verify(dir, f, "file"));
        }
        return out;
    }

    /**
     * The bytes of a listed file, refused unless they are the ones the manifest describes (size and
     * sha256): nothing is measured, copied or built on a file that is not what the manifest says.
     */
    public static byte[] read(Path dir, BundleFile f, String role, Progress progress) {
        Path p = dir.resolve(f.path());
        byte[] bytes = SourceFile.read(p.toString(), role, progress).bytes();
        String problem = bytes.length != f.bytes() ? "expected " + f.bytes() + " bytes, found " + bytes.length : null;
        if (problem == null) {
            String sha = Sha256.of(bytes);
            problem = sha.equals(f.sha256()) ? null : "expected sha256 " + f.sha256() + ", found " + sha;
        }
        if (problem != null) {
            throw mismatch(dir, f, role, problem);
        }
        return bytes;
    }

    /** Refuses a listed file that is missing or differs from the manifest (before work on it is skipped as done). */
    public static void require(Path dir, BundleFile f, String role) {
        FileStatus s = verify(dir, f, role);
        if (!s.ok()) {
            throw mismatch(dir, f, role, s.problem());
        }
    }

    private static ConverterException mismatch(Path dir, BundleFile f, String role, String problem) {
        return new ConverterException(role + " " + dir.resolve(f.path()) + " does not match the manifest: " + problem);
    }

    public static FileStatus verify(Path dir, BundleFile f, String role) {
        Path p = dir.resolve(f.path());
        if (!Files.isRegularFile(p)) {
            return new FileStatus(f.path(), role, f.bytes(), f.sha256(), "missing");
        }
        try {
            long size = Files.size(p);
            if (size != f.bytes()) {
                return new FileStatus(f.path(), role, f.bytes(), f.sha256(), "expected " + f.bytes() + " bytes, found " + size);
            }
            String sha = Sha256.of(p);
            if (!sha.equals(f.sha256())) {
                return new FileStatus(f.path(), role, f.bytes(), f.sha256(), "expected sha256 " + f.sha256() + ", found " + sha);
            }
            return new FileStatus(f.path(), role, f.bytes(), f.sha256(), null);
        } catch (IOException e) {
            return new FileStatus(f.path(), role, f.bytes(), f.sha256(), "unreadable: " + e.getMessage());
        }
    }
}
