package io.tandem.converter.quant;

import io.tandem.converter.onnx.ProtoWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One BERT encoder layer's attention half, written node by node the way {@code torch.onnx.export}
 * spells a Hugging Face model (opset 11): Q/K/V projections reshaped into heads, scaled scores plus
 * the additive mask made from {@code attention_mask}, softmax, context, output projection, residual
 * sum and a decomposed layer norm. Hidden size 8, 2 heads of 4; inputs {@code x} float
 * [batch, seq, 8] and {@code attention_mask} int64 [batch, seq]; output {@code y}.
 */
public final class TinyEncoder {
    static final int HIDDEN = 8;
    static final int HEADS = 2;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    /** What to change from the exported form, to check a fusion refuses it. */
    public record Variant(float scoreDivisor, boolean softmaxAlsoAnOutput) {
        public static Variant exported() {
            return new Variant(2f, false);
        }
    }

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final Random random = new Random(7);

    private TinyEncoder() {
    }

    public static byte[] model(Variant variant) {
        return new TinyEncoder().build(variant);
    }

    private byte[] build(Variant v) {
        scalar("one", 1f);
        scalar("minusBig", -3.4028235e38f);
        scalar("divisor", v.scoreDivisor());
        scalar("two", 2f);
        scalar("eps", 1e-12f);
        longs("headShape", 0, 0, HEADS, HIDDEN / HEADS);
        longs("hiddenShape", 0, 0, HIDDEN);
        // Additive mask: (1 - float(mask[:, None, None, :])) * most negative float.
        node("Unsqueeze", List.of("attention_mask"), "m1", ints("axes", 1));
        node("Unsqueeze", List.of("m1"), "m2", ints("axes", 2));
        node("Cast", List.of("m2"), "m3", intAttr("to", FLOAT));
        node("Sub", List.of("one", "m3"), "m4");
        node("Mul", List.of("m4", "minusBig"), "mask");
        for (String p : List.of("q", "k", "v")) {
            weight(p + "W", HIDDEN, HIDDEN, 0.5f);
            weight(p + "b", HIDDEN, 1, 0.1f);
            node("MatMul", List.of("x", p + "W"), p + "mm");
            node("Add", List.of(p + "b", p + "mm"), p + "add");
            node("Reshape", List.of(p + "add", "headShape"), p + "heads");
        }
        node("Transpose", List.of("qheads"), "qT", ints("perm", 0, 2, 1, 3));
        node("Transpose", List.of("kheads"), "kT", ints("perm", 0, 2, 3, 1));
        node("Transpose", List.of("vheads"), "vT", ints("perm", 0, 2, 1, 3));
        node("MatMul", List.of("qT", "kT"), "scores");
        node("Div", List.of("scores", "divisor"), "scaled");
        node("Add", List.of("scaled", "mask"), "masked");
        node("Softmax", List.of("masked"), "probs", intAttr("axis", -1));
        node("MatMul", List.of("probs", "vT"), "ctxHeads");
        node("Transpose", List.of("ctxHeads"), "ctxT", ints("perm", 0, 2, 1, 3));
        node("Reshape", List.of("ctxT", "hiddenShape"), "context");
        weight("oW", HIDDEN, HIDDEN, 0.5f);
        weight("ob", HIDDEN, 1, 0.1f);
        node("MatMul", List.of("context", "oW"), "omm");
        node("Add", List.of("ob", "omm"), "oadd");
        node("Add", List.of("oadd", "x"), "residual");
        node("ReduceMean", List.of("residual"), "mean", ints("axes", -1));
        node("Sub", List.of("residual", "mean"), "centred");
        node("Pow", List.of("centred", "two"), "squared");
        node("ReduceMean", List.of("squared"), "variance", ints("axes", -1));
        node("Add", List.of("variance", "eps"), "varEps");
        node("Sqrt", List.of("varEps"), "std");
        node("Div", List.of("centred", "std"), "normed");
        weight("gamma", HIDDEN, 1, 1f);
        weight("beta", HIDDEN, 1, 0.1f);
        node("Mul", List.of("normed", "gamma"), "scaledNorm");
        node("Add", List.of("scaledNorm", "beta"), "y");

        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "tiny-encoder");
        initializers.forEach(t -> graph.message(5, t));
        graph.message(11, valueInfo("x", FLOAT, "batch", "seq", (long) HIDDEN));
        graph.message(11, valueInfo("attention_mask", INT64, "batch", "seq"));
        graph.message(12, valueInfo("y", FLOAT, "batch", "seq", (long) HIDDEN));
        if (v.softmaxAlsoAnOutput()) {
            graph.message(12, valueInfo("probs", FLOAT, "batch", (long) HEADS, "seq", "seq"));
        }
        return new ProtoWriter().varint(1, 7).string(2, "tandem-test").string(3, "1").message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 11)).toBytes();
    }

    private void node(String op, List<String> inputs, String output, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        inputs.forEach(i -> n.string(1, i));
        n.string(2, output).string(3, "/layer/" + output + "/" + op).string(4, op);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        nodes.add(n);
    }

    private static ProtoWriter ints(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private void scalar(String name, float value) {
        floats(name, new long[0], new float[] {value});
    }

    private void weight(String name, int rows, int cols, float spread) {
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * spread);
        }
        floats(name, cols == 1 ? new long[] {rows} : new long[] {rows, cols}, w);
    }

    private void floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        ProtoWriter t = new ProtoWriter();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        initializers.add(t.varint(2, FLOAT).string(8, name).bytes(9, b.array()));
    }

    private void longs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        initializers.add(new ProtoWriter().packedVarints(1, new long[] {values.length}).varint(2, INT64).string(8, name).bytes(9, b.array()));
    }

    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Long n) {
                dim.varint(1, n);
            } else {
                dim.string(2, (String) d);
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
