package io.tandem.server.models;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model bundle on disk, checked against its manifest: every file it lists exists with the
 * recorded size and sha256. Knows which paths may be served and their ETags.
 */
public final class Bundle {
    public static final String MANIFEST = "manifest.json";

    private final Path dir;
    private final Manifest manifest;
    private final String manifestJson;
    private final String manifestSha256;
    /** Servable files by relative path → sha256 (the ETag). */
    private final Map<String, String> servable;

    private Bundle(Path dir, Manifest manifest, String manifestJson, Map<String, String> servable) {
        this.dir = dir;
        this.manifest = manifest;
        this.manifestJson = manifestJson;
        this.manifestSha256 = Sha256.of(manifestJson.getBytes(StandardCharsets.UTF_8));
        this.servable = servable;
    }

    /** Reads and verifies a bundle; the message of any failure names the file and what was wrong. */
    public static Bundle open(Path dir) {
        return open(dir, dir.getFileName().toString(), "the folder name");
    }

    /** As {@link #open(Path)} for a folder not named after the model: a staged version's. */
    public static Bundle open(Path dir, String expectedId) {
        return open(dir, expectedId, "the model being staged");
    }

    private static Bundle open(Path dir, String expectedId, String whyExpected) {
        Path manifestFile = dir.resolve(MANIFEST);
        String json;
        try {
            json = Files.readString(manifestFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BundleException(manifestFile + ": cannot read (" + e.getMessage() + ")");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(json);
        } catch (IllegalArgumentException e) {
            throw new BundleException(manifestFile + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A manifest that parses as JSON but trips the reader some other way is still the
            // bundle's fault, said in one line, not a crash of whoever loads it.
            throw new BundleException(manifestFile + ": not a valid manifest (" + e + ")");
        }
        if (!manifest.id().equals(expectedId)) {
            throw new BundleException(manifestFile + ": expected id '" + expectedId + "' (" + whyExpected + "), found '" + manifest.id() + "'");
        }
        Map<String, String> servable = new LinkedHashMap<>();
        for (BundleFile f : manifest.files()) {
            verify(dir, f);
            servable.put(f.path(), f.sha256());
        }
        for (Variant v : manifest.variants()) {
            verify(dir, v.file());
            servable.put(v.file().path(), v.file().sha256());
        }
        return new Bundle(dir, manifest, json, servable);
    }

    private static void verify(Path dir, BundleFile f) {
        Path file = dir.resolve(f.path()).normalize();
        if (!file.startsWith(dir)) {
            throw new BundleException(dir.resolve(MANIFEST) + ": file '" + f.path() + "' lies outside the bundle");
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new BundleException(file + ": missing (build the bundles with `mvn -pl models -am install`)");
            }
            long size = Files.size(file);
            if (size != f.bytes()) {
                throw new BundleException(file + ": expected " + f.bytes() + " bytes, found " + size);
            }
            String sha = Sha256.of(file);
            if (!sha.equals(f.sha256())) {
                throw new BundleException(file + ": expected sha256 " + f.sha256() + ", found " + sha);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    public String manifestJson() {
        return manifestJson;
    }

    /** The manifest's own sha256, its ETag. */
    public String manifestSha256() {
        return manifestSha256;
    }

    public Path path(String relative) {
        return dir.resolve(relative);
    }

    /** The sha256 of a servable file, or empty when the bundle does not list it. */
    public Optional<String> etagOf(String relative) {
        return Optional.ofNullable(servable.get(relative));
    }

    public String readText(String relative) {
        if (!servable.containsKey(relative)) {
            throw new BundleException("bundle '" + manifest.id() + "' does not list a file '" + relative + "'");
        }
        try {
            return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
