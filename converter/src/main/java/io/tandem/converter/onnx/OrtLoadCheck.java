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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SOURCE_LINE = Pattern.compile("\\S+\\.(?:cc|cpp|h|hpp):\\d+ ");

    /**
     * onnxruntime's first line, without what only its developers can use: it prefixes the reason with
     * the C++ source line and function signature ("…/model.cc:192 onnxruntime::Model::Model(…) Unsupported
     * model IR version: 999, …").
     */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        Matcher at = SOURCE_LINE.matcher(m);
        if (!at.find()) {
            return m;
        }
        String rest = m.substring(at.end());
        int open = rest.indexOf('(');
        if (open > 0 && rest.substring(0, open).contains("::")) {
            int depth = 0;
            for (int i = open; i < rest.length(); i++) {
                char c = rest.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    rest = rest.substring(i + 1).strip();
                    break;
                }
            }
        }
        return m.substring(0, at.start()) + rest;
    }
}
