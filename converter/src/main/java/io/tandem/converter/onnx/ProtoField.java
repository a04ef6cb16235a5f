package io.tandem.converter.onnx;

import java.nio.charset.StandardCharsets;

/**
 * One field exactly as it was read: its number, wire type and value, the value as a slice of the
 * original bytes (not copied). Keeping fields this way is what makes read-modify-write lossless:
 * fields we do not understand go back out byte for byte.
 */
public record ProtoField(int number, int wireType, long varint, byte[] data, int offset, int length) {
    public String string() {
        return new String(data, offset, length, StandardCharsets.UTF_8);
    }

    /** A reader over this field's bytes (a nested message or a packed array). */
    ProtoReader reader() {
        return ProtoReader.slice(data, offset, offset + length);
    }

    public int fixed32() {
        return (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8 | (data[offset + 2] & 0xff) << 16 | (data[offset + 3] & 0xff) << 24;
    }

    /**
     * The field as a nested message, parsed on first use (OnnxFile reads lazily): bytes that turn out
     * malformed only here are the same refusal as at the top, a ConverterException, not a crash.
     */
    public ProtoMessage message() {
        try {
            return ProtoMessage.parse(data, offset, length);
        } catch (ProtoReader.MalformedProtoException e) {
            throw new io.tandem.converter.ConverterException("not an ONNX model: a nested message is malformed (" + e.getMessage() + ")", e);
        }
    }
}
