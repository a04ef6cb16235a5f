package io.tandem.server.inference;

import ai.onnxruntime.OrtException;

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
        Object output = model.predict(model.pipeline().sampleInput());
        requireFinite(output, "output");
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
