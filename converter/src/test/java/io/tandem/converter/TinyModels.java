package io.tandem.converter;

import io.tandem.converter.onnx.ProtoWriter;

/**
 * Small ONNX models written byte by byte (field numbers from onnx.proto), so tests cover cases no
 * shipped model has: unnamed dimensions, non-tensor inputs, weights in external files, text inputs.
 */
final class TinyModels {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private TinyModels() {
    }

    /** A tensor ValueInfoProto; a dim is a Long (fixed), a String (symbolic) or null (unknown). */
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
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** ValueInfoProto of a sequence of float tensors. */
    static ProtoWriter sequence(String name) {
        ProtoWriter elem = new ProtoWriter().message(1, new ProtoWriter().varint(1, FLOAT));
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(4, new ProtoWriter().message(1, elem)));
    }

    static ProtoWriter node(String op, String input, String output) {
        return new ProtoWriter().string(1, input).string(2, output).string(4, op);
    }

    /** Cast node with its "to" attribute (an AttributeProto of type INT). */
    static ProtoWriter cast(String input, String output, int to) {
        ProtoWriter attribute = new ProtoWriter().string(1, "to").varint(3, to).varint(20, 2);
        return node("Cast", input, output).message(5, attribute);
    }

    /** ModelProto: IR 8, opset 13, producer "tandem-test". */
    static byte[] model(ProtoWriter graph) {
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "tandem-test")
                .string(3, "1")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .toBytes();
    }

    /**
     * A runnable stand-in for a BERT encoder: inputs input_ids and attention_mask int64
     * [batch_size, sequence_length], output hidden = Cast(input_ids) as float.
     */
    static byte[] textModel() {
        ProtoWriter graph = new ProtoWriter()
                .message(1, cast("input_ids", "hidden", FLOAT))
                .message(1, node("Identity", "attention_mask", "mask_out"))
                .string(2, "tiny-text")
                .message(11, tensor("input_ids", INT64, "batch_size", "sequence_length"))
                .message(11, tensor("attention_mask", INT64, "batch_size", "sequence_length"))
                .message(12, tensor("hidden", FLOAT, "batch_size", "sequence_length"))
                .message(12, tensor("mask_out", INT64, "batch_size", "sequence_length"));
        return model(graph);
    }
}
