package io.tandem.converter;

import io.tandem.converter.onnx.ProtoWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Tiny runnable float models with known weights, for quantising in tests. */
final class QuantModels {
    private QuantModels() {
    }

    static ProtoWriter floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new ProtoWriter().packedVarints(1, dims).varint(2, TinyModels.FLOAT).string(8, name).bytes(9, b.array());
    }

    /** Weights [k, n] with values spread over several magnitudes per column (what per-channel helps). */
    static float[] weights(int k, int n) {
        float[] w = new float[k * n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                w[i * n + j] = (float) (Math.sin(i * 1.7 + j * 0.3) * (j + 1) * 0.1);
            }
        }
        return w;
    }

    /** y = x · W, x float [batch, k]. */
    static byte[] matMul(float[] w, int k, int n, int opset) {
        return matMul(w, k, n, opset, 8);
    }

    static byte[] matMul(float[] w, int k, int n, int opset, int irVersion) {
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "x").string(1, "W").string(2, "y").string(3, "mm").string(4, "MatMul"))
                .string(2, "tiny-matmul")
                .message(5, floatTensor("W", new long[] {k, n}, w))
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, "batch", (long) k))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, "batch", (long) n));
        return model(graph, opset, irVersion);
    }

    /** y = Gemm(x, B, C) with transB = 1 (B is [n, k]), alpha 0.5, beta 2. */
    static byte[] gemm(float[] b, float[] c, int k, int n) {
        ProtoWriter alpha = new ProtoWriter().string(1, "alpha").floatValue(2, 0.5f).varint(20, 1);
        ProtoWriter beta = new ProtoWriter().string(1, "beta").floatValue(2, 2f).varint(20, 1);
        ProtoWriter transB = new ProtoWriter().string(1, "transB").varint(3, 1).varint(20, 2);
        ProtoWriter node = new ProtoWriter().string(1, "x").string(1, "B").string(1, "C").string(2, "y").string(3, "fc")
                .string(4, "Gemm").message(5, alpha).message(5, beta).message(5, transB);
        ProtoWriter graph = new ProtoWriter().message(1, node).string(2, "tiny-gemm")
                .message(5, floatTensor("B", new long[] {n, k}, b))
                .message(5, floatTensor("C", new long[] {n}, c))
                .message(11, TinyModels.tensor("x", TinyModels.FLOAT, "batch", (long) k))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, "batch", (long) n));
        return model(graph, 13);
    }

    /** y = Gather(E, ids), E float [rows, cols], ids int64 [batch, seq]. */
    static byte[] gather(float[] e, int rows, int cols) {
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "E").string(1, "ids").string(2, "y").string(3, "embed").string(4, "Gather"))
                .string(2, "tiny-gather")
                .message(5, floatTensor("E", new long[] {rows, cols}, e))
                .message(11, TinyModels.tensor("ids", TinyModels.INT64, "batch", "seq"))
                .message(12, TinyModels.tensor("y", TinyModels.FLOAT, "batch", "seq", (long) cols));
        return model(graph, 13);
    }

    static byte[] model(ProtoWriter graph, int opset) {
        return model(graph, opset, 8);
    }

    /** The same with another IR version (tests of models newer than onnxruntime reads). */
    static byte[] model(ProtoWriter graph, int opset, int irVersion) {
        return new ProtoWriter().varint(1, irVersion).string(2, "tandem-test").string(3, "1").message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset)).toBytes();
    }
}
