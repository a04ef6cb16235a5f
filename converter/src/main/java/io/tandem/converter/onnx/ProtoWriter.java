package io.tandem.converter.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protobuf wire format, the counterpart of {@link ProtoReader}: keys, varints, fixed32,
 * length-delimited fields. Used to re-emit a model we edited and, in tests, to build tiny models.
 */
public final class ProtoWriter {
    private final ByteArrayOutputStream out;

    public ProtoWriter() {
        this(64);
    }

    public ProtoWriter(int initialCapacity) {
        out = new ByteArrayOutputStream(initialCapacity);
    }

    public ProtoWriter varint(int field, long value) {
        key(field, ProtoReader.VARINT);
        raw(value);
        return this;
    }

    public ProtoWriter fixed32(int field, int value) {
        key(field, ProtoReader.FIXED32);
        le32(value);
        return this;
    }

    public ProtoWriter floatValue(int field, float value) {
        return fixed32(field, Float.floatToRawIntBits(value));
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter nested) {
        key(field, ProtoReader.LENGTH_DELIMITED);
        raw(nested.out.size());
        out.write(nested.out.toByteArray(), 0, nested.out.size());
        return this;
    }

    public ProtoWriter bytes(int field, byte[] value) {
        return bytes(field, value, 0, value.length);
    }

    public ProtoWriter bytes(int field, byte[] value, int offset, int length) {
        key(field, ProtoReader.LENGTH_DELIMITED);
        raw(length);
        out.write(value, offset, length);
        return this;
    }

    /** A repeated int64 written packed, as proto3 does by default. */
    public ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter body = new ProtoWriter();
        for (long v : values) {
            body.raw(v);
        }
        return message(field, body);
    }

    /** A field copied as it was read: key and value bytes exactly as they were. */
    public ProtoWriter field(ProtoField f) {
        key(f.number(), f.wireType());
        if (f.wireType() == ProtoReader.LENGTH_DELIMITED) {
            raw(f.length());
            out.write(f.data(), f.offset(), f.length());
        } else {
            out.write(f.data(), f.offset(), f.length());
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void le32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
