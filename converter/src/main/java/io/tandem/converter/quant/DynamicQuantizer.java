package io.tandem.converter.quant;

import io.tandem.converter.onnx.Attribute;
import io.tandem.converter.onnx.Graph;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.Node;
import io.tandem.converter.onnx.OnnxFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * int8 dynamic quantisation of an ONNX graph, in standard ONNX operators (opset 10+), so that
 * ONNX Runtime's CPU provider (server) and its WASM build (browser) both run it:
 *
 * <pre>
 *   MatMul(x, W)  →  DynamicQuantizeLinear(x) → (xq, xs, xz)
 *                    MatMulInteger(xq, Wq, xz [, Wz]) → Cast(float) → Mul(·, xs * Ws)
 *   Gather(E, i)  →  Gather(Eq, i) → Cast(float) → Mul(·, Es)
 * </pre>
 *
 * This is the shape ONNX Runtime fuses at load time into its integer kernels (MatMulIntegerToFloat,
 * DynamicQuantizeMatMul). Weights get one scale per output column by default (the error of a
 * column no longer depends on the largest weight of another). An activation feeding several MatMuls
 * (Q, K and V) is quantised once. Embedding tables get a scale per row, applied after the lookup,
 * so only the looked-up rows are ever turned back into floats. A {@code com.microsoft.Attention}
 * made by {@link AttentionFusion} becomes {@code DynamicQuantizeLinear} + {@code com.microsoft.QAttention}
 * (the one exception to standard operators, and only when fusion was asked for).
 */
public final class DynamicQuantizer {
    private final QuantizeOptions options;
    private final Map<String, float[]> activationMax;
    private final double alpha;
    private final Map<String, float[]> smoothing = new HashMap<>();
    /**
     * Smoothed activations written by a fused attention node whose every reader is a quantised
     * MatMul: their division by s is folded into the V projection (each output channel of the
     * attention is a softmax-weighted sum of V's same column, so scaling that column and its bias
     * scales the channel), and no Mul is needed.
     */
    private final Set<String> foldedSmoothing = new HashSet<>();
    /** Short prefixes for the names we add: long names cost bytes in every node that uses them. */
    private int nextId;

    public DynamicQuantizer(QuantizeOptions options) {
        this(options, Map.of(), 0);
    }

    /**
     * With calibration: {@code activationMax} per input tensor of the MatMuls (see
     * {@link ActivationRanges}); {@code alpha} is SmoothQuant's migration strength (0 = none).
     */
    public DynamicQuantizer(QuantizeOptions options, Map<String, float[]> activationMax, double alpha) {
        this.options = options;
        this.activationMax = activationMax;
        this.alpha = alpha;
    }

    /** Inputs (activations) of the MatMuls and Gemms that will be quantised: what calibration measures. */
    public List<String> activations(Graph g) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (reasonToSkip(n, g) == null && !n.opType().equals("Gather")) {
                out.add(n.input(0));
            }
        }
        return new ArrayList<>(out);
    }

    /** What was done, for the command's report. */
    public record Report(int matMuls, int gemms, int gathers, int attentions, List<String> skipped) {
    }

    public Report quantize(OnnxFile model, Consumer<String> progress) {
        Graph g = model.graph();
        Names names = new Names(g);
        Map<String, String[]> quantisedActivations = new HashMap<>();
        Set<String> replacedWeights = new HashSet<>();
        List<Node> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int matMuls = 0;
        int gemms = 0;
        int gathers = 0;
        int attentions = 0;
        List<Node> nodes = g.nodes();
        if (alpha > 0) {
            planSmoothing(g, nodes);
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            String why = reasonToSkip(n, g);
            if (why != null) {
                if (!why.isEmpty()) {
                    skipped.add(label(n) + ": " + why);
                }
                out.add(n);
                continue;
            }
            progress.accept("quantising " + label(n) + " (" + (k + 1) + "/" + nodes.size() + ")");
            switch (isFusedAttention(n) ? "QAttention" : n.opType()) {
                case "QAttention" -> {
                    attention(n, g, names, quantisedActivations, out);
                    replacedWeights.add(n.input(1));
                    replacedWeights.add(n.input(2));
                    attentions++;
                }
                case "MatMul" -> {
                    Initializer w = g.initializer(n.input(1));
                    int rows = (int) w.dims()[0];
                    int cols = (int) w.dims()[1];
                    matMul(n, n.input(0), w.floats(), rows, cols, 1f, g, names, quantisedActivations, out, n.outputs().get(0));
                    replacedWeights.add(w.name());
                    matMuls++;
                }
                case "Gemm" -> {
                    gemm(n, g, names, quantisedActivations, out);
                    replacedWeights.add(n.input(1));
                    gemms++;
                }
                case "Gather" -> {
                    gather(n, g, names, out);
                    replacedWeights.add(n.input(0));
                    gathers++;
                }
                default -> throw new IllegalStateException(n.opType());
            }
        }
        g.setNodes(out);
        LiveNodes.dropUnreadInitializers(g, replacedWeights);
        return new Report(matMuls, gemms, gathers, attentions, skipped);
    }

    /** One factor per input channel of each calibrated activation, shared by all its consumers. */
    private void planSmoothing(Graph g, List<Node> nodes) {
        Map<String, float[]> rowMax = new HashMap<>();
        for (Node n : nodes) {
            if (reasonToSkip(n, g) != null || n.opType().equals("Gather") || !activationMax.containsKey(n.input(0))) {
                continue;
            }
            float[] w = weightKn(n, g);
            int rows = activationMax.get(n.input(0)).length;
            if (w.length % rows != 0) {
                continue;
            }
            int cols = w.length / rows;
            float[] m = rowMax.computeIfAbsent(n.input(0), x -> new float[rows]);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    m[i] = Math.max(m[i], Math.abs(w[i * cols + j]));
                }
            }
        }
        for (Map.Entry<String, float[]> e : rowMax.entrySet()) {
            smoothing.put(e.getKey(), ActivationRanges.smoothing(activationMax.get(e.getKey()), e.getValue(), alpha));
        }
        GraphIndex index = new GraphIndex(g);
        for (Node n : nodes) {
            String out = n.outputs().get(0);
            if (isFusedAttention(n) && smoothing.containsKey(out) && !g.outputNames().contains(out)
                    && index.consumers(out).stream().allMatch(c -> reasonToSkip(c, g) == null && c.input(0).equals(out)
                            && !c.opType().equals("Gather") && !isFusedAttention(c))) {
                foldedSmoothing.add(out);
            }
        }
    }

    /** The weight as MatMulInteger's B, [K, N] row-major (a Gemm's transB undone). */
    private static float[] weightKn(Node n, Graph g) {
        Initializer w = g.initializer(n.input(1));
        float[] values = w.floats();
        boolean transB = n.opType().equals("Gemm") && n.attribute("transB") != null && n.attribute("transB").i(0) != 0;
        return transB ? QuantMath.transpose(values, (int) w.dims()[0], (int) w.dims()[1]) : values;
    }

    /** null: quantise it; "": not a candidate at all; otherwise why a candidate stays fp32. */
    private String reasonToSkip(Node n, Graph g) {
        if (isFusedAttention(n)) {
            // Made by AttentionFusion from MatMuls the options asked to quantise: weight [D, 3H], bias [3H].
            return null;
        }
        if (!n.isStandard() || !options.ops().contains(n.opType())) {
            return "";
        }
        if (options.excludeNodes().contains(n.name())) {
            return "excluded by --exclude-nodes";
        }
        int weightInput = n.opType().equals("Gather") ? 0 : 1;
        Initializer w = g.initializer(n.input(weightInput));
        if (w == null) {
            return n.opType().equals("Gemm") ? "weight is not a constant" : "";
        }
        if (w.dataType() != Initializer.FLOAT || w.dims().length != 2 || w.isExternal()) {
            return "weight is not a 2-D float initializer";
        }
        switch (n.opType()) {
            case "Gemm" -> {
                if (n.attribute("transA") != null && n.attribute("transA").i(0) != 0) {
                    return "transA is not supported";
                }
                Attribute beta = n.attribute("beta");
                boolean cConstant = n.input(2).isEmpty() || g.initializer(n.input(2)) != null;
                if (beta != null && beta.f(1f) != 1f && !cConstant) {
                    return "beta != 1 with a computed C";
                }
            }
            case "Gather" -> {
                if (n.attribute("axis") != null && n.attribute("axis").i(0) != 0) {
                    return "axis is not 0";
                }
                if (w.elementCount() < options.minGatherElements()) {
                    return "";
                }
            }
            default -> { }
        }
        return null;
    }

    static boolean isFusedAttention(Node n) {
        return n.domain().equals(AttentionFusion.MS_DOMAIN) && n.opType().equals("Attention");
    }

    private void gemm(Node n, Graph g, Names names, Map<String, String[]> acts, List<Node> out) {
        Initializer w = g.initializer(n.input(1));
        int r = (int) w.dims()[0];
        int c = (int) w.dims()[1];
        float[] values = w.floats();
        boolean transB = n.attribute("transB") != null && n.attribute("transB").i(0) != 0;
        if (transB) {
            // MatMulInteger wants B as [K, N]; Gemm's transB stores [N, K].
            values = QuantMath.transpose(values, r, c);
            int t = r;
            r = c;
            c = t;
        }
        float alpha = n.attribute("alpha") == null ? 1f : n.attribute("alpha").f(1f);
        String result = n.outputs().get(0);
        boolean hasC = !n.input(2).isEmpty();
        String product = hasC ? names.fresh(result + "_matmul") : result;
        matMul(n, n.input(0), values, r, c, alpha, g, names, acts, out, product);
        if (hasC) {
            String cName = n.input(2);
            float beta = n.attribute("beta") == null ? 1f : n.attribute("beta").f(1f);
            if (beta != 1f) {
                Initializer ci = g.initializer(cName);
                float[] cv = ci.floats();
                for (int i = 0; i < cv.length; i++) {
                    cv[i] *= beta;
                }
                cName = names.fresh(cName + "_beta");
                g.putInitializer(Initializer.ofFloats(cName, ci.dims(), cv));
            }
            out.add(Node.of("Add", names.fresh(label(n) + "_bias"), List.of(product, cName), List.of(result)));
        }
    }

    /** Emits the int8 form of {@code x · W} (W row-major [rows, cols]) writing {@code output}. */
    private void matMul(Node n, String x, float[] w, int rows, int cols, float alpha, Graph g, Names names,
            Map<String, String[]> acts, List<Node> out, String output) {
        String base = "q" + nextId++;
        String[] wq = quantisedWeight(w, rows, cols, smoothing.get(x), alpha, base, g, names);
        String[] xq = quantisedActivation(x, g, names, acts, out);
        List<String> mmInputs = new ArrayList<>(List.of(xq[0], wq[0], xq[2]));
        if (wq[2] != null) {
            mmInputs.add(wq[2]);
        }
        String mm = names.fresh(base + "_i32");
        out.add(Node.of("MatMulInteger", names.fresh(label(n) + "_int8"), mmInputs, List.of(mm)));
        String mmFloat = names.fresh(base + "_f32");
        out.add(Node.of("Cast", names.fresh(base + "_Cast"), List.of(mm), List.of(mmFloat), Attribute.ofInt("to", Initializer.FLOAT)));
        String scale = names.fresh(base + "_s");
        out.add(Node.of("Mul", names.fresh(base + "_sMul"), List.of(xq[1], wq[1]), List.of(scale)));
        out.add(Node.of("Mul", names.fresh(base + "_oMul"), List.of(mmFloat, scale), List.of(output)));
    }

    /**
     * Adds W (row-major [rows, cols], rows first multiplied by {@code smooth} when given) as int8 with its
     * scales (times {@code alpha}) and, when asymmetric, zero points: {@code {Wq, Ws, Wz or null}}.
     */
    private String[] quantisedWeight(float[] w, int rows, int cols, float[] smooth, float alpha, String base, Graph g, Names names) {
        if (smooth != null) {
            w = w.clone();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    w[i * cols + j] *= smooth[i];
                }
            }
        }
        WeightRange range = options.weightRange();
        QuantMath.Params[] p = options.perChannel()
                ? QuantMath.perColumn(w, rows, cols, options.symmetric(), range.qmin(), range.qmax())
                : new QuantMath.Params[] {QuantMath.perTensor(w, options.symmetric(), range.qmin(), range.qmax())};
        byte[] values = QuantMath.quantizeColumns(w, rows, cols, p, range.qmin(), range.qmax());
        float[] scales = new float[p.length];
        byte[] zeroPoints = new byte[p.length];
        boolean anyZeroPoint = false;
        for (int j = 0; j < p.length; j++) {
            scales[j] = p[j].scale() * alpha;
            zeroPoints[j] = (byte) p[j].zeroPoint();
            anyZeroPoint |= p[j].zeroPoint() != 0;
        }
        int type = Initializer.INT8;
        if (range.unsigned()) {
            // uint8, zero point 128 (+ any asymmetric offset): the same grid, run by onnxruntime's u8×u8 kernels.
            values = QuantMath.shiftToUnsigned(values);
            zeroPoints = QuantMath.shiftToUnsigned(zeroPoints);
            anyZeroPoint = true;
            type = Initializer.UINT8;
        }
        String wq = names.fresh(base + "_Wq");
        g.putInitializer(Initializer.of(wq, type, new long[] {rows, cols}, values));
        long[] scaleDims = p.length == 1 ? new long[0] : new long[] {p.length};
        String ws = names.fresh(base + "_Ws");
        g.putInitializer(Initializer.ofFloats(ws, scaleDims, scales));
        String wz = null;
        if (anyZeroPoint) {
            wz = names.fresh(base + "_Wz");
            g.putInitializer(Initializer.of(wz, type, scaleDims, zeroPoints));
        }
        return new String[] {wq, ws, wz};
    }

    /**
     * {@code DynamicQuantizeLinear(x)} (divided by its smoothing factors first, unless they were folded
     * upstream): made once per activation and shared by all its consumers (Q, K and V).
     */
    private String[] quantisedActivation(String x, Graph g, Names names, Map<String, String[]> acts, List<Node> out) {
        String[] xq = acts.get(x);
        if (xq != null) {
            return xq;
        }
        float[] smooth = smoothing.get(x);
        String source = x;
        String a = "a" + nextId++;
        if (smooth != null && !foldedSmoothing.contains(x)) {
            // x / s; the weights were multiplied by s.
            float[] inverse = new float[smooth.length];
            for (int i = 0; i < inverse.length; i++) {
                inverse[i] = 1f / smooth[i];
            }
            String inv = names.fresh(a + "_sm");
            g.putInitializer(Initializer.ofFloats(inv, new long[] {inverse.length}, inverse));
            source = names.fresh(a + "_smx");
            out.add(Node.of("Mul", names.fresh(a + "_smMul"), List.of(x, inv), List.of(source)));
        }
        xq = new String[] {names.fresh(a + "_q"), names.fresh(a + "_qs"), names.fresh(a + "_qz")};
        out.add(Node.of("DynamicQuantizeLinear", names.fresh(a + "_DQL"), List.of(source), List.of(xq)));
        acts.put(x, xq);
        return xq;
    }

    /**
     * A fused attention ({@link AttentionFusion}) becomes {@code DynamicQuantizeLinear(x)} +
     * {@code com.microsoft.QAttention} with int8 Q|K|V weights, one scale per output column.
     */
    private void attention(Node n, Graph g, Names names, Map<String, String[]> acts, List<Node> out) {
        Initializer weight = g.initializer(n.input(1));
        int rows = (int) weight.dims()[0];
        int cols = (int) weight.dims()[1];
        int hidden = cols / 3;
        float[] w = weight.floats();
        float[] bias = g.initializer(n.input(2)).floats();
        String output = n.outputs().get(0);
        if (foldedSmoothing.contains(output)) {
            float[] s = smoothing.get(output);
            for (int c = 0; c < hidden; c++) {
                for (int i = 0; i < rows; i++) {
                    w[i * cols + 2 * hidden + c] /= s[c];
                }
                bias[2 * hidden + c] /= s[c];
            }
        }
        String base = "q" + nextId++;
        String[] wq = quantisedWeight(w, rows, cols, smoothing.get(n.input(0)), 1f, base, g, names);
        String b = names.fresh(base + "_b");
        g.putInitializer(Initializer.ofFloats(b, new long[] {cols}, bias));
        String[] xq = quantisedActivation(n.input(0), g, names, acts, out);
        List<String> inputs = new ArrayList<>(List.of(xq[0], wq[0], b, xq[1], wq[1], n.input(3), xq[2]));
        if (wq[2] != null) {
            inputs.add(wq[2]);
        }
        List<Attribute> attributes = new ArrayList<>();
        for (String name : List.of("num_heads", "unidirectional")) {
            if (n.attribute(name) != null) {
                attributes.add(n.attribute(name));
            }
        }
        out.add(Node.of("QAttention", names.fresh(label(n) + "_int8"), inputs, List.of(output), attributes.toArray(Attribute[]::new))
                .inDomain(AttentionFusion.MS_DOMAIN));
    }

    private void gather(Node n, Graph g, Names names, List<Node> out) {
        Initializer table = g.initializer(n.input(0));
        int rows = (int) table.dims()[0];
        int cols = (int) table.dims()[1];
        float[] w = table.floats();
        // One scale per column (embedding dimension), symmetric: the scales are a [cols] vector that
        // broadcasts over the gathered rows, so no second lookup; per-row scales measured no more
        // accurate on MiniLM and cost 4 bytes a token (120 KB for a 30k vocabulary).
        QuantMath.Params[] p = QuantMath.perColumn(w, rows, cols, true);
        String base = "g" + nextId++;
        String tq = names.fresh(base + "_Eq");
        g.putInitializer(Initializer.of(tq, Initializer.INT8, new long[] {rows, cols}, QuantMath.quantizeColumns(w, rows, cols, p)));
        float[] scales = new float[cols];
        for (int j = 0; j < cols; j++) {
            scales[j] = p[j].scale();
        }
        String ts = names.fresh(base + "_Es");
        g.putInitializer(Initializer.ofFloats(ts, new long[] {cols}, scales));
        String gq = names.fresh(base + "_rq");
        String gf = names.fresh(base + "_rf");
        out.add(Node.of("Gather", names.fresh(base + "_Gq"), List.of(tq, n.input(1)), List.of(gq)));
        out.add(Node.of("Cast", names.fresh(base + "_Cast"), List.of(gq), List.of(gf), Attribute.ofInt("to", Initializer.FLOAT)));
        out.add(Node.of("Mul", names.fresh(base + "_Mul"), List.of(gf, ts), List.of(n.outputs().get(0))));
    }

    private static String label(Node n) {
        return n.name().isEmpty() ? n.opType() + "_" + n.outputs().get(0) : n.name();
    }
}
