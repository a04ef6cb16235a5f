package io.tandem.converter.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.ConverterException;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model in onnxruntime as the server runs it (full graph optimisation) but on one intra-op
 * thread, so latencies compare kernels rather than how busy the machine's other core was. Owns its
 * session options and session; close it.
 */
public final class OrtModel implements ModelRunner {
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private long lastNanos;
    private MeasuredOn measuredOn;
    private long lastCpuNanos;

    public OrtModel(byte[] model, String name) {
        env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter");
        try {
            options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new ConverterException("onnxruntime cannot load " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model on pipeline tensors; {@link #lastMillis()} then says how long session.run took. */
    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                inputs.put(e.getKey(), toOrt(e.getValue()));
            }
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(inputs)) {
                lastNanos = System.nanoTime() - start;
                lastCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    if (!(e.getValue() instanceof OnnxTensor t)) {
                        throw new ConverterException("output '" + e.getKey() + "' is not a tensor (" + e.getValue().getInfo()
                                + "); a scikit-learn ZipMap output must be stripped at import");
                    }
                    long[] shape = t.getInfo().getShape();
                    int[] dims = new int[shape.length];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = (int) shape[i];
                    }
                    out.put(e.getKey(), fromOrt(e.getKey(), t, dims));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new ConverterException("onnxruntime failed to run: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** float32 and int64 outputs, the two the pipeline reads; anything else is named, not misread. */
    private static Tensor fromOrt(String name, OnnxTensor t, int[] dims) {
        switch (t.getInfo().type) {
            case FLOAT: {
                FloatBuffer b = t.getFloatBuffer();
                float[] data = new float[b.remaining()];
                b.get(data);
                return Tensor.ofFloats(dims, data);
            }
            case INT64: {
                java.nio.LongBuffer b = t.getLongBuffer();
                long[] data = new long[b.remaining()];
                b.get(data);
                return Tensor.ofLongs(dims, data);
            }
            default:
                throw new ConverterException("output '" + name + "' is " + t.getInfo().type + "; expected float32 or int64");
        }
    }

    @Override
    public MeasuredOn measuredOn() {
        if (measuredOn == null) {
            measuredOn = new MeasuredOn(Engine.JAVA, env.getVersion(), "cpu", 1,
                    CpuFeatures.describe());
        }
        return measuredOn;
    }

    @Override
    public double lastMillis() {
        return lastNanos / 1e6;
    }

    /**
     * CPU time of the calling thread during the last run. With one intra-op thread onnxruntime
     * computes on the caller's thread, so on a shared, busy machine this tracks the work done
     * better than wall time, which also counts waiting for a core.
     */
    public double lastCpuMillis() {
        return lastCpuNanos / 1e6;
    }

    private OnnxTensor toOrt(Tensor t) throws OrtException {
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        return t.dtype() == DType.INT64
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), shape)
                : OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), shape);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ConverterException("onnxruntime failed to close a session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
