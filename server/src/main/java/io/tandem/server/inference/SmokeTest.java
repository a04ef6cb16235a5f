package io.tandem.server.inference;

import ai.onnxruntime.OrtException;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;

import java.util.List;
import java.util.Map;

/**
 * One prediction through the model's own pipeline before a new version may take traffic: a session
 * that loads but cannot run (a missing kernel, a shape the pipeline does not feed) or that answers
 * NaN fails here instead of on a user's request.
 */
public final class SmokeTest {
    private SmokeTest() {
    }

    /** @throws IllegalStateException the output is not finite; onnxruntime and pipeline errors pass through */
    public static void check(ServerModel model) throws OrtException {
        Object output = model.predict(sample(model));
        requireFinite(output, "output");
    }

    /** A plain input of the model's kind: a sentence, a bright bar on black (a digit one), or a record. */
    static ModelInput sample(ServerModel model) {
        return switch (model.manifest().task().inputKind()) {
            case TEXT -> ModelInput.text("Tandem checks every new model version with this sentence.");
            case IMAGE -> ModelInput.image(bar(32, 32));
            // Every feature missing: the encoder's documented fill-in values, valid for any tabular model.
            case FEATURES -> ModelInput.features(Map.of());
        };
    }

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

    private static void requireFinite(Object value, String where) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalStateException(where + " is " + value + " for a plain input");
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireFinite(list.get(i), where + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                requireFinite(e.getValue(), where + "." + e.getKey());
            }
        } else if (value instanceof float[] floats) {
            for (int i = 0; i < floats.length; i++) {
                requireFinite((Float) floats[i], where + "[" + i + "]");
            }
        } else if (value == null) {
            throw new IllegalStateException(where + " is missing for a plain input");
        }
    }
}
