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

/**
 * Replaces each residual sum followed by a layer normalisation, as a PyTorch export spells it,
 * by one {@code com.microsoft.SkipLayerNormalization}:
 * <pre>
 *   x = a + b;  d = x - ReduceMean(x);  y = d / Sqrt(ReduceMean(d^2) + eps) * gamma + beta
 * </pre>
 * ONNX Runtime fuses the ten nodes into its {@code LayerNormalization} kernel at load time, but not
 * the residual Add with it, and that kernel measured about 20 % of all-MiniLM-L6-v2's int8 time in
 * onnxruntime Java; {@code SkipLayerNormalization} (CPU provider, so also ORT Web's WASM build) does
 * the add and the normalisation in one pass over the hidden vector. Applied to transformer encoders
 * only ({@link AttentionFusion} found blocks): the kernel wants [batch, sequence, hidden] inputs.
 */
final class SkipLayerNormFusion {
    private SkipLayerNormFusion() {
    }

    private record Match(List<Node> nodes, String input, String skip, String gamma, String beta, float epsilon, String output) {
    }

    /** Returns how many were fused. */
    static int fuse(OnnxFile model) {
        Graph g = model.graph();
        GraphIndex idx = new GraphIndex(g);
        Map<Node, Match> byLastNode = new HashMap<>();
        Set<Node> removed = new HashSet<>();
        for (Node n : g.nodes()) {
            if (n.isStandard() && n.opType().equals("ReduceMean")) {
                Match m = match(n, idx, g);
                if (m != null && m.nodes.stream().noneMatch(removed::contains)) {
                    removed.addAll(m.nodes);
                    byLastNode.put(m.nodes.get(m.nodes.size() - 1), m);
                }
            }
        }
        if (byLastNode.isEmpty()) {
            return 0;
        }
        List<Node> out = new ArrayList<>();
        Names names = new Names(g);
        for (Node n : g.nodes()) {
            Match m = byLastNode.get(n);
            if (m != null) {
                out.add(Node.of("SkipLayerNormalization", names.fresh(n.name().isEmpty() ? "SkipLayerNorm" : n.name() + "_SkipLayerNorm"),
                        List.of(m.input, m.skip, m.gamma, m.beta), List.of(m.output), Attribute.ofFloat("epsilon", m.epsilon))
                        .inDomain(AttentionFusion.MS_DOMAIN));
            } else if (!removed.contains(n)) {
                out.add(n);
            }
        }
        g.setNodes(LiveNodes.of(out, g.outputNames()));
        model.requireOpset(AttentionFusion.MS_DOMAIN, 1);
        return byLastNode.size();
    }

    /** The pattern from its first ReduceMean (the mean of x), or null. */
    private static Match match(Node mean, GraphIndex idx, Graph g) {
        String x = mean.input(0);
        Node sum = idx.producer(x, "Add");
        if (sum == null || !lastAxis(mean) || idx.constant(sum.input(0)) != null || idx.constant(sum.input(1)) != null) {
            return null;
        }
        Node sub = idx.consumer(mean.outputs().get(0), "Sub");
        if (sub == null || !sub.input(0).equals(x) || !sub.input(1).equals(mean.outputs().get(0))) {
            return null;
        }
        String d = sub.outputs().get(0);
        Node pow = idx.consumer(d, "Pow");
        Node div = idx.consumer(d, "Div");
        if (pow == null || div == null || idx.scalar(pow.input(1)) != 2f || !div.input(0).equals(d)) {
            return null;
        }
        Node variance = idx.consumer(pow.outputs().get(0), "ReduceMean");
        Node addEps = variance == null || !lastAxis(variance) ? null : idx.consumer(variance.outputs().get(0), "Add");
        Node sqrt = addEps == null ? null : idx.consumer(addEps.outputs().get(0), "Sqrt");
        if (sqrt == null || !div.input(1).equals(sqrt.outputs().get(0))) {
            return null;
        }
        float epsilon = idx.scalar(otherInput(addEps, variance.outputs().get(0)));
        Node scale = idx.consumer(div.outputs().get(0), "Mul");
        Node shift = scale == null ? null : idx.consumer(scale.outputs().get(0), "Add");
        if (!(epsilon > 0) || shift == null) {
            return null;
        }
        String gamma = otherInput(scale, div.outputs().get(0));
        String beta = otherInput(shift, scale.outputs().get(0));
        if (!isVector(g.initializer(gamma)) || !isVector(g.initializer(beta)) || g.initializer(gamma).elementCount() != g.initializer(beta).elementCount()) {
            return null;
        }
        List<Node> nodes = List.of(sum, mean, sub, pow, variance, addEps, sqrt, div, scale, shift);
        // Every intermediate must be read only inside the pattern (the sum too: the fused node does not write it).
        for (Node n : nodes.subList(0, nodes.size() - 1)) {
            for (String t : n.outputs()) {
                if (g.outputNames().contains(t) || !nodes.containsAll(idx.consumers(t))) {
                    return null;
                }
            }
        }
        return new Match(nodes, sum.input(0), sum.input(1), gamma, beta, epsilon, shift.outputs().get(0));
    }

    private static boolean lastAxis(Node reduceMean) {
        List<Long> axes = GraphIndex.ints(reduceMean, "axes");
        boolean keepDims = reduceMean.attribute("keepdims") == null || reduceMean.attribute("keepdims").i(1) == 1;
        return keepDims && reduceMean.inputs().size() == 1 && (axes.equals(List.of(-1L)) || axes.equals(List.of(2L)));
    }

    /** The input of a two-input node that is not {@code known}, or "" if neither or both are. */
    private static String otherInput(Node n, String known) {
        if (n.input(0).equals(known) && !n.input(1).equals(known)) {
            return n.input(1);
        }
        if (n.input(1).equals(known) && !n.input(0).equals(known)) {
            return n.input(0);
        }
        return "";
    }

    private static boolean isVector(Initializer t) {
        return t != null && t.dataType() == Initializer.FLOAT && t.dims().length == 1 && !t.isExternal();
    }
}
