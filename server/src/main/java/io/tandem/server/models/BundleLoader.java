package io.tandem.server.models;

import ai.onnxruntime.OrtException;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.inference.SmokeTest;

import java.nio.file.Path;

/**
 * Loads one bundle folder of the models folder, {@code <models>/<id>/}, with the checks a staged
 * version gets ({@link VersionLoader}): the manifest and the size and sha256 of every file
 * ({@link Bundle}, the id must be the folder name), the onnxruntime session and its signature
 * ({@link ServerModel#open}), and one smoke prediction through the shared pipeline. Any failure is
 * a {@link Failure} whose reason is one line with paths relative to the models folder; nothing
 * stays open.
 */
final class BundleLoader {
    /** A bundle that did not load; the cause is kept for a DEBUG log, never for a caller. */
    static final class Failure extends Exception {
        Failure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final Path modelsDir;
    private final int ortThreads;

    BundleLoader(Path modelsDir, int ortThreads) {
        this.modelsDir = modelsDir.toAbsolutePath().normalize();
        this.ortThreads = ortThreads;
    }

    ServerModel load(Path dir) throws Failure {
        ServerModel model;
        try {
            model = ServerModel.open(Bundle.open(dir.toAbsolutePath().normalize()), ortThreads);
        } catch (RuntimeException | Error e) {
            // Error too: one bundle that trips a native library or runs out of memory is that
            // bundle's failure; the server and the other bundles go on.
            throw new Failure(relative(describe(e)), e);
        }
        try {
            SmokeTest.check(model);
        } catch (OrtException | RuntimeException | Error e) {
            model.close();
            throw new Failure(relative("the smoke prediction failed: " + describe(e)), e);
        }
        return model;
    }

    /** Paths inside the models folder as {@code <id>/<file>}: a reason is shown to any caller. */
    String relative(String reason) {
        String prefix = modelsDir + modelsDir.getFileSystem().getSeparator();
        return reason.replace(prefix, "");
    }

    static String describe(Throwable e) {
        if (e instanceof Error) {
            return e.toString();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
