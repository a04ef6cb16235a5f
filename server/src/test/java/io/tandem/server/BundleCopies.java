package io.tandem.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Copies of the real mnist-cnn bundle under other ids in a models folder, whole, broken in one
 * way each, or half-written the way a slow copy leaves them; for the tests of loading bundles
 * one by one and picking up new ones while running.
 */
final class BundleCopies {
    static final String[] FILES = {"manifest.json", "model.onnx", "model.int8.onnx"};

    private BundleCopies() {
    }

    /** {@code models/<id>/}: the mnist-cnn files with the manifest's id changed to {@code id}. */
    static Path copy(Path models, String id) {
        Path dir = models.resolve(id);
        try {
            Files.createDirectories(dir);
            for (String f : FILES) {
                Files.copy(source(f), dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        renameInManifest(dir, id);
        return dir;
    }

    /** The same bundle built in a hidden folder first, then renamed into place in one step. */
    static Path copyAtomically(Path models, String id) {
        Path staging = copy(models, "." + id);
        renameInManifest(staging, id);
        try {
            return Files.move(staging, models.resolve(id), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy caught mid-way: the manifest and the int8 file written, and the first
     * {@code modelBytes} bytes of model.onnx.
     */
    static Path startCopy(Path models, String id, int modelBytes) {
        Path dir = models.resolve(id);
        try {
            Files.createDirectories(dir);
            Files.copy(source("model.int8.onnx"), dir.resolve("model.int8.onnx"));
            Files.copy(source("manifest.json"), dir.resolve("manifest.json"));
            byte[] model = Files.readAllBytes(source("model.onnx"));
            Files.write(dir.resolve("model.onnx"), Arrays.copyOf(model, modelBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        renameInManifest(dir, id);
        return dir;
    }

    /** Writes more of model.onnx, up to {@code modelBytes} bytes of it (all of it: the copy is done). */
    static void continueCopy(Path dir, int modelBytes) {
        try {
            byte[] model = Files.readAllBytes(source("model.onnx"));
            int have = (int) Files.size(dir.resolve("model.onnx"));
            int until = Math.min(modelBytes, model.length);
            try (OutputStream out = Files.newOutputStream(dir.resolve("model.onnx"), StandardOpenOption.APPEND)) {
                out.write(model, have, until - have);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int modelSize() {
        try {
            return (int) Files.size(source("model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeManifest(Path dir, String json) {
        try {
            Files.writeString(dir.resolve("manifest.json"), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String manifest(Path dir) {
        try {
            return Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void renameInManifest(Path dir, String id) {
        String json = manifest(dir);
        String current = json.substring(json.indexOf("\"id\": \""));
        current = current.substring(0, current.indexOf('"', "\"id\": \"".length()) + 1);
        writeManifest(dir, json.replace(current, "\"id\": \"" + id + "\""));
    }

    private static Path source(String file) {
        return TestModels.dir().resolve(VersionFolders.MODEL).resolve(file);
    }
}
