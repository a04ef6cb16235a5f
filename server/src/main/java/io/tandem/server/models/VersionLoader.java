package io.tandem.server.models;

import ai.onnxruntime.OrtException;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.server.StartupException;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.inference.SmokeTest;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Loads a staged version and checks it before it may take traffic: the manifest and the sha256 of
 * every file ({@link Bundle}), the folder name against the manifest's version, the task against
 * the stable version's (callers depend on the shape of the answer), the onnxruntime session and
 * its signature ({@link ServerModel#open}), and one smoke prediction through the shared pipeline.
 * Any failure is a {@link RolloutException} saying what was wrong; nothing stays open.
 */
final class VersionLoader {
    private final int ortThreads;

    VersionLoader(int ortThreads) {
        this.ortThreads = ortThreads;
    }

    ServerModel load(Path dir, String version, Manifest stable) {
        Bundle bundle;
        try {
            bundle = Bundle.open(dir, stable.id());
        } catch (BundleException | UncheckedIOException e) {
            throw rejected(version, e.getMessage());
        }
        Manifest manifest = bundle.manifest();
        if (!manifest.version().equals(version)) {
            throw rejected(version, dir.resolve(Bundle.MANIFEST) + ": expected version '" + version
                    + "' (the folder name), found '" + manifest.version() + "'");
        }
        if (!manifest.task().wireName().equals(stable.task().wireName())) {
            throw rejected(version, "expected task '" + stable.task().wireName() + "' (as the stable version "
                    + stable.version() + "), found '" + manifest.task().wireName() + "'");
        }
        ServerModel model;
        try {
            model = ServerModel.open(bundle, ortThreads);
        } catch (StartupException e) {
            throw rejected(version, e.getMessage());
        }
        try {
            SmokeTest.check(model);
        } catch (OrtException | RuntimeException e) {
            model.close();
            throw rejected(version, "the smoke prediction failed: " + e.getMessage());
        }
        return model;
    }

    private static RolloutException rejected(String version, String why) {
        return new RolloutException(RolloutException.Reason.REJECTED, "version " + version + " refused: " + why);
    }
}
