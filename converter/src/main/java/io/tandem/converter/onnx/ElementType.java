package io.tandem.converter.onnx;

import io.tandem.pipeline.tensor.DType;

/**
 * ONNX {@code TensorProto.DataType}: every element type a model may declare, so inspect can name
 * them all. Bundles support fewer: {@link #dtype()} maps to the pipeline's {@link DType} table, the
 * one the manifest, client and server share.
 */
public enum ElementType {
    UNDEFINED(0, "undefined"),
    FLOAT(1, "float32"),
    UINT8(2, "uint8"),
    INT8(3, "int8"),
    UINT16(4, "uint16"),
    INT16(5, "int16"),
    INT32(6, "int32"),
    INT64(7, "int64"),
    STRING(8, "string"),
    BOOL(9, "bool"),
    FLOAT16(10, "float16"),
    DOUBLE(11, "float64"),
    UINT32(12, "uint32"),
    UINT64(13, "uint64"),
    COMPLEX64(14, "complex64"),
    COMPLEX128(15, "complex128"),
    BFLOAT16(16, "bfloat16"),
    FLOAT8E4M3FN(17, "float8e4m3fn"),
    FLOAT8E4M3FNUZ(18, "float8e4m3fnuz"),
    FLOAT8E5M2(19, "float8e5m2"),
    FLOAT8E5M2FNUZ(20, "float8e5m2fnuz"),
    UINT4(21, "uint4"),
    INT4(22, "int4"),
    FLOAT4E2M1(23, "float4e2m1");

    private final int code;
    private final String wireName;

    ElementType(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    /** Same spelling as the manifest's dtype names ({@code float32}, {@code int64}). */
    public String wireName() {
        return wireName;
    }

    /** The bundle dtype, or null when bundles cannot carry this type. */
    public DType dtype() {
        for (DType d : DType.values()) {
            if (d.onnxType() == code) {
                return d;
            }
        }
        return null;
    }

    public static ElementType fromCode(int code) {
        for (ElementType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNDEFINED;
    }
}
