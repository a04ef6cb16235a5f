package io.tandem.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A models folder in a temp dir holding the real mnist-cnn bundle as its stable version, and new
 * versions staged under {@code mnist-cnn/versions/<version>/}: the same files with the manifest's
 * version bumped, or broken on purpose.
 */
final class VersionFolders {
    static final String MODEL = "mnist-cnn";
    private static final String[] FILES = {"manifest.json", "model.onnx", "model.int8.onnx"};

    private final Path models;

    VersionFolders(Path models) {
        this.models = models;
        copyBundle(models.resolve(MODEL));
    }

    Path models() {
        return models;
    }

    /** A new version: the stable bundle with only its manifest's version changed. */
    Path stage(String version) {
        Path dir = models.resolve(MODEL).resolve("versions").resolve(version);
        copyBundle(dir);
        replaceInManifest(dir, "\"version\": \"1.0.0\"", "\"version\": \"" + version + "\"");
        return dir;
    }

    /** Writes new bytes for the fp32 model file and records their size and sha256 in the manifest. */
    static void replaceModelFile(Path dir, byte[] bytes) {
        try {
            Path file = dir.resolve("model.onnx");
            long oldSize = Files.size(file);
            String oldSha = sha256(Files.readAllBytes(file));
            Files.write(file, bytes);
            replaceInManifest(dir, "\"bytes\": " + oldSize + ",", "\"bytes\": " + bytes.length + ",");
            replaceInManifest(dir, oldSha, sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replaceInManifest(Path dir, String from, String to) {
        Path manifest = dir.resolve("manifest.json");
        try {
            String json = Files.readString(manifest, StandardCharsets.UTF_8);
            if (!json.contains(from)) {
                throw new IllegalStateException("the manifest has no " + from);
            }
            Files.writeString(manifest, json.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyBundle(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : FILES) {
                Files.copy(TestModels.dir().resolve(MODEL).resolve(f), dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
