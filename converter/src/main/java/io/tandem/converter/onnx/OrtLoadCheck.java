package io.tandem.converter.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.tandem.converter.ConverterException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Loads the model in onnxruntime (the engine the server runs, same version as ORT Web) to prove a
 * bundle will run, and cross-checks our protobuf reading against ORT's own view of the inputs and
 * outputs. Graph optimisation is off: we only want to know it loads, quickly.
 */
public final class OrtLoadCheck {
    private OrtLoadCheck() {
    }

    public static void check(byte[] modelBytes, OnnxModel model, String name) {
        // One environment per process (onnxruntime keeps it as a singleton); never closed here.
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(modelBytes, options)) {
                List<String> problems = new ArrayList<>();
                compare("input", session.getInputInfo(), model.inputs(), problems);
                compare("output", session.getOutputInfo(), model.outputs(), problems);
                if (!problems.isEmpty()) {
                    throw new ConverterException("onnxruntime and the ONNX file disagree about " + name + ": " + String.join("; ", problems));
                }
            }
        } catch (OrtException e) {
            throw new ConverterException("onnxruntime cannot load " + name + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void compare(String kind, Map<String, NodeInfo> ort, List<ValueInfo> ours, List<String> problems) {
        List<String> ourNames = ours.stream().map(ValueInfo::name).toList();
        if (!new HashSet<>(ort.keySet()).equals(new HashSet<>(ourNames))) {
            problems.add("expected " + kind + "s " + ourNames + ", found " + ort.keySet());
            return;
        }
        for (ValueInfo v : ours) {
            var info = ort.get(v.name()).getInfo();
            // ORT Java numbers its element types its own way; its constant names follow ONNX's.
            String expected = "ONNX_TENSOR_ELEMENT_DATA_TYPE_" + v.elementType().name();
            if (info instanceof TensorInfo t && v.isTensor() && !t.onnxType.name().equals(expected)) {
                problems.add(kind + " '" + v.name() + "': expected element type " + expected + ", found " + t.onnxType.name());
            }
        }
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
