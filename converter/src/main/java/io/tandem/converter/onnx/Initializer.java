package io.tandem.converter.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One TensorProto (an initializer, or a Constant's value). A tensor read from a file is written
 * back from its original bytes; new tensors carry their data as raw_data (little-endian, as ONNX
 * specifies).
 */
public final class Initializer {
    // TensorProto field numbers and DataType values (onnx.proto).
    static final int DIMS = 1;
    static final int DATA_TYPE = 2;
    static final int FLOAT_DATA = 4;
    static final int INT32_DATA = 5;
    static final int UINT64_DATA = 11;
    static final int INT64_DATA = 7;
    static final int NAME = 8;
    static final int RAW_DATA = 9;
    static final int DATA_LOCATION = 14;
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int UINT16 = 4;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int UINT32 = 12;
    public static final int INT64 = 7;
    public static final int FLOAT16 = 10;

    private final String name;
    private final int dataType;
    private final long[] dims;
    private final ProtoMessage message;
    private final ProtoField original;
    private final byte[] raw;

    private Initializer(String name, int dataType, long[] dims, ProtoMessage message, ProtoField original, byte[] raw) {
        this.name = name;
        this.dataType = dataType;
        this.dims = dims;
        this.message = message;
        this.original = original;
        this.raw = raw;
    }

    static Initializer read(ProtoField field) {
        ProtoMessage m = field.message();
        List<Long> d = m.varints(DIMS);
        long[] dims = new long[d.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = d.get(i);
        }
        return new Initializer(m.string(NAME, ""), (int) m.varint(DATA_TYPE, 0), dims, m, field, null);
    }

    /** A new tensor whose data is {@code raw}, little-endian. */
    public static Initializer of(String name, int dataType, long[] dims, byte[] raw) {
        return new Initializer(name, dataType, dims.clone(), null, null, raw);
    }

    public static Initializer ofFloats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return of(name, FLOAT, dims, b.array());
    }

    public static Initializer ofShorts(String name, int dataType, long[] dims, short[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(values);
        return of(name, dataType, dims, b.array());
    }

    public String name() {
        return name;
    }

    public int dataType() {
        return dataType;
    }

    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Weights kept in a separate file: we cannot rewrite what we do not have. */
    public boolean isExternal() {
        return message != null && message.varint(DATA_LOCATION, 0) == 1;
    }

    /** The tensor's raw_data bytes (little-endian), as written: int8 and uint8 weights are exactly these. */
    public byte[] rawBytes() {
        if (raw != null) {
            return raw.clone();
        }
        ProtoField rawData = message == null ? null : message.last(RAW_DATA);
        if (rawData == null) {
            throw new IllegalStateException(name + ": no raw_data");
        }
        return java.util.Arrays.copyOfRange(rawData.data(), rawData.offset(), rawData.offset() + rawData.length());
    }

    /** The values of a FLOAT tensor, from raw_data or float_data. */
    public float[] floats() {
        if (dataType != FLOAT) {
            throw new IllegalStateException(name + ": expected a float tensor, found data type " + dataType);
        }
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        if (raw != null) {
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        ProtoField rawData = message.last(RAW_DATA);
        if (rawData != null) {
            ByteBuffer.wrap(rawData.data(), rawData.offset(), rawData.length()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        int i = 0;
        for (ProtoField f : message.all(FLOAT_DATA)) {
            if (f.wireType() == ProtoReader.FIXED32) {
                out[i++] = Float.intBitsToFloat(f.fixed32());
            } else {
                ByteBuffer b = ByteBuffer.wrap(f.data(), f.offset(), f.length()).order(ByteOrder.LITTLE_ENDIAN);
                while (b.remaining() >= 4) {
                    out[i++] = b.getFloat();
                }
            }
        }
        if (i != n) {
            throw new IllegalStateException(name + ": expected " + n + " floats, found " + i);
        }
        return out;
    }

    /** The values of an INT64 tensor, from raw_data or int64_data (shapes, axes). */
    public long[] longs() {
        if (dataType != INT64) {
            throw new IllegalStateException(name + ": expected an int64 tensor, found data type " + dataType);
        }
        int n = Math.toIntExact(elementCount());
        long[] out = new long[n];
        ProtoField rawData = raw != null ? null : message.last(RAW_DATA);
        if (raw != null || rawData != null) {
            ByteBuffer b = raw != null ? ByteBuffer.wrap(raw) : ByteBuffer.wrap(rawData.data(), rawData.offset(), rawData.length());
            b.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
        List<Long> values = message.varints(INT64_DATA);
        if (values.size() != n) {
            throw new IllegalStateException(name + ": expected " + n + " int64 values, found " + values.size());
        }
        for (int i = 0; i < n; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /**
     * The values of an integer tensor (int64, int32, int16, int8, uint8 …) as longs, from raw_data or
     * the typed field; null for any other element type. Shapes, axes, indices and position buffers.
     */
    public long[] integers() {
        if (dataType == INT64) {
            return longs();
        }
        int width = switch (dataType) {
            case INT32, UINT32 -> 4;
            case INT16, UINT16 -> 2;
            case INT8, UINT8 -> 1;
            default -> 0;
        };
        if (width == 0) {
            return null;
        }
        int n = Math.toIntExact(elementCount());
        long[] out = new long[n];
        ProtoField rawData = raw != null ? null : message.last(RAW_DATA);
        if (raw != null || rawData != null) {
            ByteBuffer b = (raw != null ? ByteBuffer.wrap(raw) : ByteBuffer.wrap(rawData.data(), rawData.offset(), rawData.length()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                out[i] = switch (dataType) {
                    case INT32 -> b.getInt();
                    case UINT32 -> b.getInt() & 0xffffffffL;
                    case INT16 -> b.getShort();
                    case UINT16 -> b.getShort() & 0xffff;
                    case INT8 -> b.get();
                    default -> b.get() & 0xff;
                };
            }
            return out;
        }
        // int32_data holds every narrower type too, one varint each (onnx.proto); uint32 lives in uint64_data.
        List<Long> values = message.varints(dataType == UINT32 ? UINT64_DATA : INT32_DATA);
        if (values.size() != n) {
            throw new IllegalStateException(name + ": expected " + n + " integers, found " + values.size());
        }
        for (int i = 0; i < n; i++) {
            long v = values.get(i);
            out[i] = dataType == INT32 ? (int) v : v;
        }
        return out;
    }

    /** This tensor under another name (a Constant's value becoming an initializer, say). */
    public Initializer renamed(String newName) {
        byte[] data = raw;
        if (data == null && dataType == FLOAT) {
            return ofFloats(newName, dims, floats());
        }
        if (data == null) {
            throw new IllegalStateException(name + ": only float tensors can be renamed");
        }
        return of(newName, dataType, dims, data);
    }

    void writeTo(ProtoWriter w) {
        if (original != null) {
            message.writeTo(w);
            return;
        }
        long[] d = dims;
        List<Long> list = new ArrayList<>();
        for (long x : d) {
            list.add(x);
        }
        if (!list.isEmpty()) {
            w.packedVarints(DIMS, d);
        }
        w.varint(DATA_TYPE, dataType);
        w.string(NAME, name);
        w.bytes(RAW_DATA, raw);
    }

    /** As a GraphProto.initializer field. */
    void writeAsField(ProtoWriter w, int fieldNumber) {
        if (original != null && original.number() == fieldNumber) {
            w.field(original);
            return;
        }
        ProtoWriter t = new ProtoWriter(raw != null ? raw.length + 64 : 64);
        writeTo(t);
        w.message(fieldNumber, t);
    }
}
