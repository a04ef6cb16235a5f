package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Task;
import io.tandem.pipeline.image.RgbaImage;

import java.util.HashMap;

/**
 * A plain, cheap input of each kind, for work that needs some valid input rather than the user's:
 * the browser's {@code auto} warm-up runs and the server's smoke prediction before a new model
 * version takes traffic. One place, so a new input kind cannot be forgotten by either.
 */
public final class SampleInputs {
    private static final int IMAGE_SIZE = 28;

    private SampleInputs() {
    }

    public static ModelInput of(Task.InputKind kind) {
        switch (kind) {
            case TEXT:
                return ModelInput.text("Warm up.");
            case IMAGE:
                return ModelInput.image(bar(IMAGE_SIZE, IMAGE_SIZE));
            case FEATURES:
                // Every feature missing: the encoder's documented fill-in values, valid for any tabular model.
                return ModelInput.features(new HashMap<>());
            default:
                throw new IllegalArgumentException("no sample input for kind " + kind);
        }
    }

    /** A bright vertical bar on black (a digit one): some ink, so image pipelines do their real work. */
    private static RgbaImage bar(int width, int height) {
        byte[] rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 4;
                byte v = (byte) (Math.abs(x - width / 2) < 2 && y > height / 5 && y < height * 4 / 5 ? 255 : 0);
                rgba[i] = v;
                rgba[i + 1] = v;
                rgba[i + 2] = v;
                rgba[i + 3] = (byte) 255;
            }
        }
        return new RgbaImage(width, height, rgba);
    }
}
