package io.tandem.converter.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Small ONNX graphs written field by field (numbers from onnx.proto) for cases no shipped model
 * has: ZipMaps with string labels or on a graph input, RoBERTa-style positions, a T5-style model
 * without a position table.
 */
final class TinyGraphs {
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int STRING = 8;

    private final ProtoWriter graph = new ProtoWriter();

    private TinyGraphs(String name) {
        graph.string(2, name);
    }

    static TinyGraphs named(String name) {
        return new TinyGraphs(name);
    }

    /** A node; attributes from {@link #ints}, {@link #strings}, {@link #tensorAttr}. */
    TinyGraphs node(String op, String domain, String[] inputs, String[] outputs, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, op + "_" + outputs[0]).string(4, op);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        if (!domain.isEmpty()) {
            n.string(7, domain);
        }
        graph.message(1, n);
        return this;
    }

    TinyGraphs node(String op, String[] inputs, String output, ProtoWriter... attributes) {
        return node(op, "", inputs, new String[] {output}, attributes);
    }

    TinyGraphs floats(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        graph.message(5, new ProtoWriter().packedVarints(1, dims).varint(2, FLOAT).string(8, name).bytes(9, b.array()));
        return this;
    }

    TinyGraphs longs(String name, long[] dims, long... values) {
        graph.message(5, tensorProto(name, dims, values));
        return this;
    }

    /** An int32 initializer written in int32_data (varints), not raw_data. */
    TinyGraphs int32s(String name, long[] dims, long... values) {
        ProtoWriter t = new ProtoWriter().packedVarints(1, dims).varint(2, 6);
        for (long v : values) {
            t.varint(5, v);
        }
        graph.message(5, t.string(8, name));
        return this;
    }

    TinyGraphs input(ProtoWriter valueInfo) {
        graph.message(11, valueInfo);
        return this;
    }

    TinyGraphs output(ProtoWriter valueInfo) {
        graph.message(12, valueInfo);
        return this;
    }

    TinyGraphs valueInfo(ProtoWriter valueInfo) {
        graph.message(13, valueInfo);
        return this;
    }

    /** ModelProto, IR 8, ai.onnx 13 and ai.onnx.ml 3. */
    byte[] model() {
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "tandem-test")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .message(8, new ProtoWriter().string(1, "ai.onnx.ml").varint(2, 3))
                .toBytes();
    }

    static ProtoWriter tensorProto(String name, long[] dims, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        ProtoWriter t = new ProtoWriter();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        return t.varint(2, INT64).string(8, name).bytes(9, b.array());
    }

    /** A tensor ValueInfoProto; a dim is a Number (fixed), a String (symbolic) or null (unknown). */
    static ProtoWriter tensor(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Number n) {
                dim.varint(1, n.longValue());
            } else if (d instanceof String s) {
                dim.string(2, s);
            }
            shape.message(1, dim);
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, new ProtoWriter().varint(1, elemType).message(2, shape)));
    }

    /** ValueInfoProto of ZipMap's output: sequence(map(key, tensor(float))). */
    static ProtoWriter sequenceOfMaps(String name, int keyType) {
        ProtoWriter value = new ProtoWriter().message(1, new ProtoWriter().varint(1, FLOAT));
        ProtoWriter map = new ProtoWriter().varint(1, keyType).message(2, value);
        ProtoWriter element = new ProtoWriter().message(5, map);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(4, new ProtoWriter().message(1, element)));
    }

    static ProtoWriter ints(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    static ProtoWriter strings(String name, String... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (String v : values) {
            a.string(9, v);
        }
        return a.varint(20, 8);
    }

    /** A Constant's value: an int64 tensor (scalar when dims is empty). */
    static ProtoWriter tensorAttr(String name, long[] dims, long... values) {
        return new ProtoWriter().string(1, name).message(5, tensorProto("", dims, values)).varint(20, 4);
    }

    static String[] in(String... names) {
        return names;
    }
}
