package io.tandem.converter.onnx;

import io.tandem.converter.ConverterException;

import java.util.Map;

/**
 * The IR versions and ai.onnx opsets the onnxruntime we ship (1.29, Java and Web alike) loads, checked
 * on every model a command builds from, before any work: onnxruntime itself refuses a newer IR
 * version or an unreleased opset, but only when a session is made (after quantising, or never, when
 * an up-to-date import skips the load), and in a message full of its C++ signatures.
 *
 * <p>Measured on onnxruntime 1.29.0 ("max supported IR version: 13", "official support for domain
 * ai.onnx is till opset 26"); {@code OrtLimitsTest} loads the bounds in onnxruntime, so a version
 * bump that moves them fails there first.
 */
public final class OrtLimits {
    public static final long OLDEST_IR_VERSION = 3;
    public static final long NEWEST_IR_VERSION = 13;
    /** onnxruntime runs every opset from 7 (its backward-compatibility promise). */
    public static final long OLDEST_OPSET = 7;
    public static final long NEWEST_OPSET = 26;

    private OrtLimits() {
    }

    /** @param opsets domain → version; the default domain under "" or "ai.onnx" */
    public static void check(long irVersion, Map<String, Long> opsets, String name) {
        if (irVersion < OLDEST_IR_VERSION || irVersion > NEWEST_IR_VERSION) {
            throw new ConverterException("unsupported IR version: " + name + " has IR version " + irVersion
                    + "; onnxruntime expects " + OLDEST_IR_VERSION + " to " + NEWEST_IR_VERSION);
        }
        Long opset = opsets.containsKey("ai.onnx") ? opsets.get("ai.onnx") : opsets.get("");
        if (opset == null) {
            throw new ConverterException("unsupported opset: " + name + " imports no ai.onnx opset; onnxruntime expects "
                    + OLDEST_OPSET + " to " + NEWEST_OPSET);
        }
        if (opset < OLDEST_OPSET || opset > NEWEST_OPSET) {
            throw new ConverterException("unsupported opset: " + name + " uses ai.onnx opset " + opset
                    + "; onnxruntime expects " + OLDEST_OPSET + " to " + NEWEST_OPSET);
        }
    }

    public static void check(OnnxModel model, String name) {
        check(model.irVersion(), model.opsets(), name);
    }
}
