package io.tandem.converter.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) field by field
 * over a slice of a byte array. Just enough for ONNX: varints, length-delimited fields (strings,
 * nested messages, packed arrays) and skipping everything else without copying it — which is how a
 * 90 MB model is summarised without touching its weights.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    private final byte[] data;
    private int pos;
    private final int end;
    private int wireType;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** A reader over data[start, end). */
    static ProtoReader slice(byte[] data, int start, int end) {
        return new ProtoReader(data, start, end);
    }

    private ProtoReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** Reads the next field's key and returns its number; {@link #wireType()} tells how to read it. */
    int nextField() {
        long key = readVarint();
        int field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0) {
            throw new MalformedProtoException("field number " + field + " at byte " + pos);
        }
        return field;
    }

    int wireType() {
        return wireType;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new MalformedProtoException("truncated varint at byte " + pos);
            }
            byte b = data[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes at byte " + pos);
    }

    /** The current field as a varint, checking the wire type first. */
    long varint() {
        expect(VARINT);
        return readVarint();
    }

    String string() {
        int length = length();
        String s = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** A reader over the current length-delimited field (a nested message); this one moves past it. */
    ProtoReader message() {
        int length = length();
        ProtoReader nested = new ProtoReader(data, pos, pos + length);
        pos += length;
        return nested;
    }

    /** The current field's value as a slice of the input (not copied), for lossless re-writing. */
    ProtoField field(int number) {
        switch (wireType) {
            case VARINT:
                int start = pos;
                long v = readVarint();
                return new ProtoField(number, VARINT, v, data, start, pos - start);
            case FIXED64:
                advance(8);
                return new ProtoField(number, FIXED64, 0, data, pos - 8, 8);
            case LENGTH_DELIMITED:
                int length = lengthNoCheck();
                int offset = pos;
                pos += length;
                return new ProtoField(number, LENGTH_DELIMITED, 0, data, offset, length);
            case FIXED32:
                advance(4);
                return new ProtoField(number, FIXED32, 0, data, pos - 4, 4);
            default:
                throw new MalformedProtoException("wire type " + wireType + " at byte " + pos);
        }
    }

    /** Skips the current field, whatever its type; unknown fields are legal in protobuf. */
    void skip() {
        switch (wireType) {
            case VARINT:
                readVarint();
                break;
            case FIXED64:
                advance(8);
                break;
            case LENGTH_DELIMITED:
                advance(lengthNoCheck());
                break;
            case FIXED32:
                advance(4);
                break;
            default:
                // Groups are deprecated and ONNX never uses them; 6 and 7 are not wire types at all.
                throw new MalformedProtoException("wire type " + wireType + " at byte " + pos);
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        return lengthNoCheck();
    }

    private int lengthNoCheck() {
        long length = readVarint();
        if (length < 0 || length > end - pos) {
            throw new MalformedProtoException("length " + length + " runs past the end at byte " + pos);
        }
        return (int) length;
    }

    private void advance(int n) {
        if (n > end - pos) {
            throw new MalformedProtoException("field runs past the end at byte " + pos);
        }
        pos += n;
    }

    private void expect(int type) {
        if (wireType != type) {
            throw new MalformedProtoException("expected wire type " + type + ", found " + wireType + " at byte " + pos);
        }
    }

    /** The bytes are not a well-formed protobuf (or not the message we expected). */
    static final class MalformedProtoException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedProtoException(String message) {
            super(message);
        }
    }
}
