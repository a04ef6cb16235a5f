package io.tandem.client.ort;

import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.tensor.Tensor;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.typedarrays.BigInt64Array;
import org.teavm.jso.typedarrays.Float32Array;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Moves tensors between the pipeline ({@link Tensor}) and ORT Web ({@link OrtTensor}). */
public final class OrtTensors {
    private OrtTensors() {
    }

    /** The pipeline's feeds as the object {@code session.run} takes. */
    public static JSObject feeds(Ort ort, Map<String, Tensor> tensors) {
        JSObject feeds = newObject();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            put(feeds, e.getKey(), toOrt(ort, e.getValue()));
        }
        return feeds;
    }

    /**
     * The outputs named, copied out of ORT into Java arrays (the copies outlive the session's
     * buffers); every ORT tensor in {@code results} is disposed.
     */
    public static Map<String, Tensor> outputs(JSObject results, List<String> names) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try {
            for (String name : names) {
                OrtTensor t = get(results, name);
                if (t == null) {
                    throw new IllegalStateException("the model gave no output named '" + name + "'");
                }
                out.put(name, fromOrt(name, t));
            }
        } finally {
            disposeAll(results);
        }
        return out;
    }

    /**
     * A copy of the tensor's values, not a view of them: ONNX Runtime Web's proxy worker takes the
     * buffers it is given (they are detached here), and the pipeline still reads the prepared
     * tensors after the run — mean pooling reads the attention mask, drift the ids.
     */
    /** A typed array of its own buffer (TeaVM's copyFromJavaArray shares the Java array's, measured). */
    @JSBody(params = "a", script = "return a.slice();")
    private static native JSObject copy(JSObject typedArray);

    public static OrtTensor toOrt(Ort ort, Tensor t) {
        switch (t.dtype()) {
            case FLOAT32:
                return Ort.tensor(ort, t.dtype().wireName(), copy(Float32Array.fromJavaArray(t.floats())), t.shape());
            case INT64:
                return Ort.tensor(ort, t.dtype().wireName(), copy(BigInt64Array.fromJavaArray(t.longs())), t.shape());
            default:
                throw new IllegalArgumentException("cannot hand a " + t.dtype().wireName()
                        + " tensor to ONNX Runtime Web; the pipeline makes float32 and int64 tensors");
        }
    }

    static Tensor fromOrt(String name, OrtTensor t) {
        int[] dims = dims(t.getDims());
        DType type = DType.fromWireName(t.getType());
        switch (type) {
            case FLOAT32:
                return Tensor.ofFloats(dims, t.getFloat32Data().copyToJavaArray());
            case INT64:
                return Tensor.ofLongs(dims, t.getBigInt64Data().copyToJavaArray());
            default:
                throw new IllegalStateException("output '" + name + "' is " + type.wireName()
                        + "; expected float32 or int64");
        }
    }

    private static int[] dims(JSArrayReader<JSNumber> dims) {
        int[] out = new int[dims.getLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i).intValue();
        }
        return out;
    }

    @JSBody(script = "return {};")
    private static native JSObject newObject();

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void put(JSObject o, String k, JSObject v);

    @JSBody(params = {"o", "k"}, script = "var v = o[k]; return v === undefined ? null : v;")
    private static native OrtTensor get(JSObject o, String k);

    @JSBody(params = "o", script = "for (var k in o) { if (o[k] && typeof o[k].dispose === 'function') o[k].dispose(); }")
    private static native void disposeAll(JSObject o);
}
