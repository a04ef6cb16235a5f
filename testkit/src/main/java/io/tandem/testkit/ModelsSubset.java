package io.tandem.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A models folder holding only the bundles a test needs, made from the built one: an instance
 * starts faster and takes less memory with two bundles than with all of them, and a test may
 * write into its copy (stage a version, a rollout record) without touching the build's.
 *
 * <p>Small files are copied; large ones (model variants of tens of MB) are symbolic links to the
 * built files, since no test writes them and copying 260 MB of MiniLM variants per instance would
 * take longer than starting it. The server reads through the links as through files.
 */
public final class ModelsSubset {
    /** Files up to this size are copied, larger ones linked. */
    static final long COPY_LIMIT_BYTES = 1024 * 1024;

    private ModelsSubset() {
    }

    /** A new folder under {@code parent} with bundles {@code ids} of {@code source}. */
    public static Path of(Path source, Path parent, List<String> ids) {
        try {
            Path target = Files.createDirectories(parent).resolve("models");
            Files.createDirectories(target);
            for (String id : ids) {
                Path bundle = source.resolve(id);
                if (!Files.isRegularFile(bundle.resolve("manifest.json"))) {
                    throw new IllegalStateException(bundle + " has no manifest.json: build the bundles first (mvn -B package -pl models -am)");
                }
                copyTree(bundle, target.resolve(id));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a models folder under " + parent, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(dest);
                } else if (Files.size(file) > COPY_LIMIT_BYTES) {
                    Files.createSymbolicLink(dest, file.toAbsolutePath());
                } else {
                    Files.copy(file, dest);
                }
            }
        }
    }
}
