package io.tandem.client.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.typedarrays.BigInt64Array;
import org.teavm.jso.typedarrays.Float32Array;

/** {@code ort.Tensor} on the CPU: element type name, dims and a typed array of data. */
public interface OrtTensor extends JSObject {
    /** {@code 'float32'}, {@code 'int64'} … (ORT's names, the same as {@code DType.wireName()}). */
    @JSProperty
    String getType();

    @JSProperty
    JSArrayReader<JSNumber> getDims();

    /** The data of a {@code float32} tensor. */
    @JSProperty("data")
    Float32Array getFloat32Data();

    /** The data of an {@code int64} tensor. */
    @JSProperty("data")
    BigInt64Array getBigInt64Data();

    void dispose();
}
