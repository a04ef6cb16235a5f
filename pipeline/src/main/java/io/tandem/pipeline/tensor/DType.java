package io.tandem.pipeline.tensor;

/**
 * Element types Tandem moves between the pipeline and the runtimes. One table, read by the
 * converter (ONNX type ids), the manifest (names), the client (ORT Web type names) and the server.
 */
public enum DType {
    FLOAT32("float32", 1, 4),
    UINT8("uint8", 2, 1),
    INT8("int8", 3, 1),
    INT32("int32", 6, 4),
    INT64("int64", 7, 8),
    FLOAT16("float16", 10, 2);

    private final String wireName;
    private final int onnxType;
    private final int bytes;

    DType(String wireName, int onnxType, int bytes) {
        this.wireName = wireName;
        this.onnxType = onnxType;
        this.bytes = bytes;
    }

    /** The name used in manifests and by ONNX Runtime Web's {@code Tensor} constructor. */
    public String wireName() {
        return wireName;
    }

    /** The {@code TensorProto.DataType} number in ONNX files. */
    public int onnxType() {
        return onnxType;
    }

    public int bytes() {
        return bytes;
    }

    public static DType fromWireName(String name) {
        for (DType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown element type '" + name + "'");
    }

    public static DType fromOnnxType(int onnxType) {
        for (DType t : values()) {
            if (t.onnxType == onnxType) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported ONNX element type " + onnxType);
    }
}
