package io.tandem.converter.quant;

import io.tandem.converter.onnx.Attribute;
import io.tandem.converter.onnx.Graph;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.Node;
import io.tandem.converter.onnx.OnnxFile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces each BERT-style self-attention block of an fp32 graph by one {@code com.microsoft.Attention}
 * node, which {@link DynamicQuantizer} then turns into {@code QAttention}: ONNX Runtime's fused kernel
 * (CPU provider, so also ORT Web's WASM build) computes Q, K and V in one batched int8 GEMM straight
 * into the per-head layout and applies the attention without the dozen small Reshape, Transpose,
 * MatMul, Div, Add and Softmax nodes a PyTorch export spells it with. ONNX Runtime does not fuse
 * these itself once the projections are int8, and its load-time fusion does not match the exported
 * fp32 block either, so without this both the server and the browser run every small node.
 *
 * <p>The block matched (what {@code torch.onnx.export} writes for Hugging Face BERT models):
 * <pre>
 *   q = Transpose[0,2,1,3](Reshape(x·Wq + bq))      k = Transpose[0,2,3,1](Reshape(x·Wk + bk))
 *   v = Transpose[0,2,1,3](Reshape(x·Wv + bv))
 *   out = Reshape(Transpose[0,2,1,3](Softmax(q·k / c + mask) · v))
 *   mask = (1 - Cast(Unsqueeze(Unsqueeze(attention_mask)))) · m          (m ≤ -10000)
 * </pre>
 * A block that differs in any way (another scale than 1/√head, no mask, a mask from elsewhere, an
 * intermediate read by another node) is left as it is, and if any block cannot be fused cleanly no
 * block is: the graph is then unchanged.
 */
final class AttentionFusion {
    static final String MS_DOMAIN = "com.microsoft";

    private AttentionFusion() {
    }

    /** A matched block: the nodes it replaces and what the fused node needs. */
    private record Block(List<Node> nodes, String input, Projection q, Projection k, Projection v, int heads,
            String maskInput, String output) {
    }

    /** {@code Reshape(x·W + b)}: one of the three projections. */
    private record Projection(Node matMul, Node add, Node reshape, Initializer weight, Initializer bias) {
    }

    /**
     * Fuses every matched block whose projections are not in {@code keepFp32} (node names).
     * Returns how many were fused (0: graph unchanged).
     */
    static int fuse(OnnxFile model, Set<String> keepFp32) {
        Graph g = model.graph();
        GraphIndex index = new GraphIndex(g);
        List<Block> blocks = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.isStandard() && n.opType().equals("Softmax")) {
                Block b = match(n, index, g);
                if (b == null) {
                    continue;
                }
                if (keepFp32.contains(b.q.matMul.name()) || keepFp32.contains(b.k.matMul.name()) || keepFp32.contains(b.v.matMul.name())) {
                    continue;
                }
                blocks.add(b);
            }
        }
        if (blocks.isEmpty() || blocks.stream().map(Block::maskInput).distinct().count() != 1) {
            return 0;
        }
        List<Node> before = g.nodes();
        List<String> replacedWeights = new ArrayList<>();
        List<Initializer> added = new ArrayList<>();
        Names names = new Names(g);
        String mask32 = names.fresh(blocks.get(0).maskInput + "_int32");
        Set<Node> removed = new HashSet<>();
        List<Node> out = new ArrayList<>();
        out.add(Node.of("Cast", names.fresh("attention_mask_int32"), List.of(blocks.get(0).maskInput), List.of(mask32),
                Attribute.ofInt("to", Initializer.INT32)));
        for (Block b : blocks) {
            removed.addAll(b.nodes);
        }
        for (Node n : before) {
            if (!removed.contains(n)) {
                out.add(n);
                continue;
            }
            for (Block b : blocks) {
                if (b.nodes.get(b.nodes.size() - 1) == n) {
                    out.add(fused(b, names, mask32, added, replacedWeights));
                }
            }
        }
        List<Node> live = LiveNodes.of(out, g.outputNames());
        if (readsRemovedTensor(live, removed, blocks, g.outputNames())) {
            return 0;
        }
        added.forEach(g::putInitializer);
        g.setNodes(live);
        LiveNodes.dropUnreadInitializers(g, replacedWeights);
        model.requireOpset(MS_DOMAIN, 1);
        return blocks.size();
    }

    /** The fused node; its concatenated Q|K|V weight and bias go to {@code added}, the three pairs it replaces to {@code replaced}. */
    private static Node fused(Block b, Names names, String mask32, List<Initializer> added, List<String> replaced) {
        int d = (int) b.q.weight.dims()[0];
        int h = (int) b.q.weight.dims()[1];
        float[][] w = {b.q.weight.floats(), b.k.weight.floats(), b.v.weight.floats()};
        float[][] bias = {b.q.bias.floats(), b.k.bias.floats(), b.v.bias.floats()};
        float[] qkv = new float[d * 3 * h];
        float[] qkvBias = new float[3 * h];
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(w[p], i * h, qkv, i * 3 * h + p * h, h);
            }
            System.arraycopy(bias[p], 0, qkvBias, p * h, h);
        }
        String base = names.fresh(b.q.matMul.name().isEmpty() ? "attention" : parent(b.q.matMul.name()) + "_qkv");
        String wName = names.fresh(base + "_W");
        String bName = names.fresh(base + "_b");
        added.add(Initializer.ofFloats(wName, new long[] {d, 3L * h}, qkv));
        added.add(Initializer.ofFloats(bName, new long[] {3L * h}, qkvBias));
        for (Projection p : List.of(b.q, b.k, b.v)) {
            replaced.add(p.weight.name());
            replaced.add(p.bias.name());
        }
        return Node.of("Attention", names.fresh(base + "_Attention"), List.of(b.input, wName, bName, mask32), List.of(b.output),
                Attribute.ofInt("num_heads", b.heads)).inDomain(MS_DOMAIN);
    }

    private static String parent(String nodeName) {
        int slash = nodeName.lastIndexOf('/', nodeName.lastIndexOf('/') - 1);
        return slash > 0 ? nodeName.substring(0, slash) : nodeName;
    }

    private static Block match(Node softmax, GraphIndex idx, Graph g) {
        List<Long> axis = List.of(softmax.attribute("axis") == null ? 1L : softmax.attribute("axis").i(1));
        if (!axis.equals(List.of(-1L)) && !axis.equals(List.of(3L))) {
            return null;
        }
        Node maskAdd = idx.producer(softmax.input(0), "Add");
        if (maskAdd == null) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Node scaled = idx.producer(maskAdd.input(side));
            String mask = maskAdd.input(1 - side);
            if (scaled == null || !scaled.isStandard()) {
                continue;
            }
            float scale;
            if (scaled.opType().equals("Div")) {
                scale = 1f / idx.scalar(scaled.input(1));
            } else if (scaled.opType().equals("Mul")) {
                scale = idx.scalar(scaled.input(1));
            } else {
                continue;
            }
            Block b = matchRest(softmax, maskAdd, scaled, scale, mask, idx, g);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static Block matchRest(Node softmax, Node maskAdd, Node scaled, float scale, String mask, GraphIndex idx, Graph g) {
        Node scores = idx.producer(scaled.input(0), "MatMul");
        Node context = idx.consumer(softmax.outputs().get(0), "MatMul");
        if (scores == null || context == null || !context.input(0).equals(softmax.outputs().get(0))) {
            return null;
        }
        Node qT = transpose(idx.producer(scores.input(0), "Transpose"), 0, 2, 1, 3);
        Node kT = transpose(idx.producer(scores.input(1), "Transpose"), 0, 2, 3, 1);
        Node vT = transpose(idx.producer(context.input(1), "Transpose"), 0, 2, 1, 3);
        Node outT = transpose(idx.consumer(context.outputs().get(0), "Transpose"), 0, 2, 1, 3);
        Node outReshape = outT == null ? null : idx.consumer(outT.outputs().get(0), "Reshape");
        if (qT == null || kT == null || vT == null || outReshape == null) {
            return null;
        }
        Projection q = projection(qT, idx, g);
        Projection k = projection(kT, idx, g);
        Projection v = projection(vT, idx, g);
        if (q == null || k == null || v == null) {
            return null;
        }
        String x = q.matMul.input(0);
        long[] dims = q.weight.dims();
        if (!k.matMul.input(0).equals(x) || !v.matMul.input(0).equals(x)
                || !java.util.Arrays.equals(dims, k.weight.dims()) || !java.util.Arrays.equals(dims, v.weight.dims())) {
            return null;
        }
        long[] headShape = reshapeTarget(q.reshape.input(1), idx);
        if (headShape == null || headShape[0] * headShape[1] != dims[1]) {
            return null;
        }
        // QAttention's scale is fixed at 1/sqrt(head size): another scale cannot be fused.
        if (!(Math.abs(scale * Math.sqrt(headShape[1]) - 1) < 1e-6)) {
            return null;
        }
        String maskInput = maskSource(mask, idx, g);
        if (maskInput == null) {
            return null;
        }
        List<Node> nodes = new ArrayList<>();
        for (Projection p : List.of(q, k, v)) {
            nodes.addAll(List.of(p.matMul, p.add, p.reshape));
        }
        nodes.addAll(List.of(qT, kT, vT, scores, scaled, maskAdd, softmax, context, outT, outReshape));
        return new Block(nodes, x, q, k, v, (int) headShape[0], maskInput, outReshape.outputs().get(0));
    }

    private static Node transpose(Node t, long... perm) {
        if (t == null) {
            return null;
        }
        List<Long> expected = new ArrayList<>();
        for (long p : perm) {
            expected.add(p);
        }
        return GraphIndex.ints(t, "perm").equals(expected) ? t : null;
    }

    /** {@code Reshape(x·W + b)} feeding {@code transpose}, with W [D, H] and b [H] float constants. */
    private static Projection projection(Node transpose, GraphIndex idx, Graph g) {
        Node reshape = idx.producer(transpose.input(0), "Reshape");
        Node add = reshape == null ? null : idx.producer(reshape.input(0), "Add");
        if (add == null) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Node matMul = idx.producer(add.input(side), "MatMul");
            Initializer bias = g.initializer(add.input(1 - side));
            Initializer weight = matMul == null ? null : g.initializer(matMul.input(1));
            if (matMul == null || bias == null || weight == null || weight.dataType() != Initializer.FLOAT
                    || bias.dataType() != Initializer.FLOAT || weight.dims().length != 2 || bias.dims().length != 1
                    || bias.dims()[0] != weight.dims()[1] || weight.isExternal() || bias.isExternal()) {
                continue;
            }
            return new Projection(matMul, add, reshape, weight, bias);
        }
        return null;
    }

    /**
     * {@code [heads, head size]} from a Reshape's target shape {@code [batch, seq, heads, head size]}:
     * a constant, or (as exported) a Concat whose last two inputs are constants.
     */
    private static long[] reshapeTarget(String shape, GraphIndex idx) {
        Initializer constant = idx.constant(shape);
        if (constant != null) {
            if (constant.dataType() != Initializer.INT64 || constant.elementCount() != 4) {
                return null;
            }
            long[] s = constant.longs();
            return s[2] > 0 && s[3] > 0 ? new long[] {s[2], s[3]} : null;
        }
        Node concat = idx.producer(shape, "Concat");
        if (concat == null || concat.inputs().size() != 4) {
            return null;
        }
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            Initializer c = idx.constant(concat.input(2 + i));
            if (c == null || c.dataType() != Initializer.INT64 || c.elementCount() != 1 || c.longs()[0] <= 0) {
                return null;
            }
            out[i] = c.longs()[0];
        }
        return out;
    }

    /**
     * The graph input an additive mask {@code (1 - Cast(Unsqueeze…(input))) · m} is made from, or null.
     * m must be at most -10000: QAttention masks with -10000, and beyond that every masked score's
     * exponential is 0 in float either way.
     */
    private static String maskSource(String mask, GraphIndex idx, Graph g) {
        Node mul = idx.producer(mask, "Mul");
        if (mul == null) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            float m = idx.scalar(mul.input(1 - side));
            Node sub = idx.producer(mul.input(side), "Sub");
            if (!(m <= -10000f) || sub == null || idx.scalar(sub.input(0)) != 1f) {
                continue;
            }
            String t = sub.input(1);
            Set<String> seen = new LinkedHashSet<>();
            while (idx.producer(t) != null && seen.add(t)) {
                Node n = idx.producer(t);
                boolean passThrough = n.isStandard() && (n.opType().equals("Unsqueeze") || n.opType().equals("Cast"));
                if (!passThrough) {
                    return null;
                }
                t = n.input(0);
            }
            int type = g.elementType(t);
            if (g.inputNames().contains(t) && (type == Initializer.INT64 || type == Initializer.INT32)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether a remaining node or a graph output still reads an intermediate of a fused block (then
     * fusing would break it).
     */
    private static boolean readsRemovedTensor(List<Node> live, Set<Node> removed, List<Block> blocks, List<String> graphOutputs) {
        Set<String> gone = new HashSet<>();
        for (Node n : removed) {
            gone.addAll(n.outputs());
        }
        for (Block b : blocks) {
            gone.remove(b.output);
        }
        if (graphOutputs.stream().anyMatch(gone::contains)) {
            return true;
        }
        return live.stream().flatMap(n -> n.inputs().stream()).anyMatch(gone::contains);
    }
}
