package io.tandem.converter.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.tandem.converter.ConverterException;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The check every model we write must pass: onnxruntime creates a session with its full graph
 * optimisation (the fusions the server will apply) and runs it once on a made-up input, and every
 * float output must be finite. There is no ONNX checker for Java; this is stronger on what matters
 * (the engine we ship runs it) and weaker on spec pedantry a loader tolerates.
 */
public final class OrtRunCheck {
    private OrtRunCheck() {
    }

    public static void check(byte[] modelBytes, String name) {
        outputs(modelBytes, name);
    }

    /**
     * The check, returning the float outputs by name. The made-up input is the same on every call,
     * so two models with the same inputs can be compared on it (ONNX or ORT format bytes alike).
     */
    public static Map<String, float[]> outputs(byte[] modelBytes, String name) {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(modelBytes, options)) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                Map<String, float[]> outputs = new java.util.LinkedHashMap<>();
                try {
                    for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                        inputs.put(e.getKey(), sample(env, e.getKey(), e.getValue()));
                    }
                    try (OrtSession.Result result = session.run(inputs)) {
                        for (Map.Entry<String, OnnxValue> e : result) {
                            if (e.getValue() instanceof OnnxTensor t && t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                                FloatBuffer b = t.getFloatBuffer();
                                float[] values = new float[b.limit()];
                                for (int i = 0; i < b.limit(); i++) {
                                    values[i] = b.get(i);
                                    if (!Float.isFinite(values[i])) {
                                        throw new ConverterException("onnxruntime ran " + name + " but output '" + e.getKey()
                                                + "' holds " + b.get(i) + " at index " + i);
                                    }
                                }
                                outputs.put(e.getKey(), values);
                            }
                        }
                    }
                    return outputs;
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw new ConverterException("onnxruntime cannot load and run " + name + ": " + OrtLoadCheck.firstLine(e.getMessage()), e);
        }
    }

    /** Batch 1, other free dimensions 8; integers 1 (a valid id, mask and type id for any text model); floats in [0, 1). */
    private static OnnxTensor sample(OrtEnvironment env, String name, NodeInfo info) throws OrtException {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new ConverterException("cannot make a sample for input '" + name + "': not a tensor");
        }
        long[] shape = t.getShape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = i == 0 ? 1 : 8;
            }
        }
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, (int) d);
        }
        switch (t.type) {
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = 1;
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            }
            case FLOAT -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (i * 37 % 101) / 101f;
                }
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
            }
            default -> throw new ConverterException("cannot make a sample for input '" + name + "' of type " + t.type);
        }
    }
}
