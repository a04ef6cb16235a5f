package io.tandem.converter.onnx;

import java.util.List;

/** One AttributeProto of a node: its name and encoded bytes, read on demand. */
public record Attribute(String name, ProtoMessage message) {
    // AttributeProto field numbers and AttributeType values (onnx.proto).
    static final int NAME = 1;
    static final int F = 2;
    static final int I = 3;
    static final int T = 5;
    static final int G = 6;
    static final int INTS = 8;
    static final int STRINGS = 9;
    static final int GRAPHS = 11;
    static final int TYPE = 20;
    static final int TYPE_FLOAT = 1;
    static final int TYPE_INT = 2;
    static final int TYPE_TENSOR = 4;
    static final int TYPE_INTS = 7;

    static Attribute read(ProtoField field) {
        ProtoMessage m = field.message();
        return new Attribute(m.string(NAME, ""), m);
    }

    public long i(long fallback) {
        return message.varint(I, fallback);
    }

    public float f(float fallback) {
        ProtoField f = message.last(F);
        return f == null ? fallback : Float.intBitsToFloat(f.fixed32());
    }

    public List<Long> ints() {
        return message.varints(INTS);
    }

    /** The values of a STRINGS attribute (ZipMap's class labels), as UTF-8 text, in order. */
    public List<String> strings() {
        return message.all(STRINGS).stream().map(ProtoField::string).toList();
    }

    /** True for GRAPH and GRAPHS attributes (If, Loop, Scan bodies), whose subgraphs may read outer tensors by name. */
    public boolean hasGraph() {
        return message.last(G) != null || message.last(GRAPHS) != null;
    }

    /** The tensor of a TENSOR attribute (Constant's value), or null. */
    public Initializer tensor() {
        ProtoField t = message.last(T);
        return t == null ? null : Initializer.read(t);
    }

    public static Attribute ofInt(String name, long value) {
        return of(new ProtoWriter().string(NAME, name).varint(I, value).varint(TYPE, TYPE_INT));
    }

    public static Attribute ofInts(String name, long... values) {
        ProtoWriter w = new ProtoWriter().string(NAME, name);
        for (long v : values) {
            w.varint(INTS, v);
        }
        return of(w.varint(TYPE, TYPE_INTS));
    }

    public static Attribute ofFloat(String name, float value) {
        return of(new ProtoWriter().string(NAME, name).floatValue(F, value).varint(TYPE, TYPE_FLOAT));
    }

    public static Attribute ofTensor(String name, Initializer tensor) {
        ProtoWriter t = new ProtoWriter();
        tensor.writeTo(t);
        return of(new ProtoWriter().string(NAME, name).message(T, t).varint(TYPE, TYPE_TENSOR));
    }

    private static Attribute of(ProtoWriter w) {
        ProtoMessage m = ProtoMessage.parse(w.toBytes());
        return new Attribute(m.string(NAME, ""), m);
    }

    void writeTo(ProtoWriter w) {
        message.writeTo(w);
    }
}
