package io.tandem.server.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.tandem.pipeline.tensor.Tensor;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/** Moves pipeline tensors into onnxruntime and back. The caller owns (closes) what it creates. */
final class OrtTensors {
    private OrtTensors() {
    }

    static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        long[] shape = longShape(t.shape());
        switch (t.dtype()) {
            case FLOAT32:
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), shape);
            case INT64:
                return OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), shape);
            default:
                throw new IllegalArgumentException("cannot feed a " + t.dtype().wireName() + " tensor");
        }
    }

    static Tensor fromOrt(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("output '" + name + "' is not a tensor");
        }
        TensorInfo info = tensor.getInfo();
        int[] shape = intShape(info.getShape());
        switch (info.type) {
            case FLOAT: {
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] data = new float[buffer.remaining()];
                buffer.get(data);
                return Tensor.ofFloats(shape, data);
            }
            case INT64: {
                LongBuffer buffer = tensor.getLongBuffer();
                long[] data = new long[buffer.remaining()];
                buffer.get(data);
                return Tensor.ofLongs(shape, data);
            }
            default:
                throw new IllegalStateException("output '" + name + "' has unsupported type " + info.type);
        }
    }

    private static long[] longShape(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private static int[] intShape(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }
}
