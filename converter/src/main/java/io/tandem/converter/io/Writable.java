package io.tandem.converter.io;

import io.tandem.converter.ConverterException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work, that a command will be able to write where it was told to: a refusal
 * after minutes of quantising or validating is a waste, and a read-only bundle must be found while
 * nothing has changed yet. Every command that writes calls this first.
 *
 * <p>The test is a real one: a probe file is created (and deleted) in the nearest directory that
 * exists, because permission bits say nothing about /proc, read-only mounts or a root user.
 */
public final class Writable {
    private Writable() {
    }

    /** A file to be written (through a temporary sibling and a rename), e.g. {@code -o model.int8.onnx}. */
    public static void file(Path target, String role) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new ConverterException("cannot write " + role + " " + target + ": it is a directory");
        }
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new ConverterException("cannot write " + role + " " + target + ": expected a file path");
        }
        probe(parent, target, role);
    }

    /** A directory to be written into (created when missing), e.g. a bundle. */
    public static void directory(Path dir, String role) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new ConverterException("cannot write " + role + " " + dir + ": it is a file, not a directory");
        }
        probe(absolute, dir, role);
    }

    private static void probe(Path dir, Path target, String role) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ConverterException("cannot write " + role + " " + target + ": no part of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new ConverterException("cannot write " + role + " " + target + ": " + existing + " is not a directory");
        }
        try {
            Path probe = Files.createTempFile(existing, ".tandem-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String where = existing.equals(dir) ? "" : " (" + existing + ", where it would be created)";
            throw new ConverterException("cannot write " + role + " " + target + ": the directory is not writable" + where
                    + ": " + reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        // NIO's message is often only the probe's path; the type says what happened (AccessDeniedException …).
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
