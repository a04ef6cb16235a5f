package io.tandem.server.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models folder as the registry scans it. A bundle folder is a sub-folder holding a
 * {@code manifest.json} whose name does not start with '.' (so a bundle can be copied into a
 * dot-folder and renamed into place in one step). Every read is bounded: entries listed, bundle
 * folders taken, files and depth walked per bundle.
 */
final class ModelsFolder {
    /** Directory entries looked at per scan (files and non-bundle folders included). */
    static final int MAX_ENTRIES = 10_000;
    /** Files and folder depth of one bundle taken into its fingerprint. */
    static final int MAX_FILES = 1_000;
    static final int MAX_DEPTH = 8;
    /** A manifest larger than this is fingerprinted by size and time only, not hashed on every scan. */
    static final long MAX_HASHED_MANIFEST = 16L * 1024 * 1024;

    private final Path dir;
    private final int maxBundles;

    ModelsFolder(Path dir, int maxBundles) {
        this.dir = dir;
        this.maxBundles = maxBundles;
    }

    Path dir() {
        return dir;
    }

    /**
     * The bundle folders, sorted by name: at most {@code maxBundles} of them, and one more when
     * there are more (the caller says so and drops it).
     */
    List<Path> bundles() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.limit(MAX_ENTRIES)
                    .filter(ModelsFolder::isBundle)
                    .limit(maxBundles + 1L)
                    .sorted()
                    .toList();
        }
    }

    int maxBundles() {
        return maxBundles;
    }

    static boolean isBundle(Path folder) {
        return !folder.getFileName().toString().startsWith(".") && Files.isRegularFile(folder.resolve(Bundle.MANIFEST));
    }

    /**
     * What a bundle folder holds now: the path, size and modification time of each file (the
     * {@code versions/} staging folder left out) and the manifest's sha256. The same fingerprint on
     * two scans in a row means nothing was written in between; a change means the folder is worth
     * another try. A folder that cannot be read has the error as its fingerprint.
     */
    static String fingerprint(Path bundle) {
        StringBuilder listing = new StringBuilder();
        try {
            Path manifest = bundle.resolve(Bundle.MANIFEST);
            if (Files.size(manifest) <= MAX_HASHED_MANIFEST) {
                listing.append(Sha256.of(manifest)).append('\n');
            }
            Files.walkFileTree(bundle, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                private int files;

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.equals(bundle.resolve(ModelRegistry.VERSIONS)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++files > MAX_FILES) {
                        listing.append("…\n");
                        return FileVisitResult.TERMINATE;
                    }
                    listing.append(bundle.relativize(file)).append('\t').append(attrs.size()).append('\t')
                            .append(attrs.lastModifiedTime().toMillis()).append('\n');
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    listing.append(bundle.relativize(file)).append("\tunreadable\n");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e;
        }
        return Sha256.of(listing.toString().getBytes(StandardCharsets.UTF_8));
    }
}
