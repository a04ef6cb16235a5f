package io.tandem.converter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format, to build tiny ONNX models in tests (fixtures made in code). */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        key(field, 0);
        raw(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toBytes());
    }

    ProtoWriter bytes(int field, byte[] value) {
        key(field, 2);
        raw(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    byte[] toBytes() {
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
}
