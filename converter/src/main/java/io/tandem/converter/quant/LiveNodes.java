package io.tandem.converter.quant;

import io.tandem.converter.onnx.Graph;
import io.tandem.converter.onnx.Node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a graph still needs after a rewrite has taken over some of its nodes: the nodes some graph
 * output depends on (not the shape arithmetic and constants only the replaced nodes read), and the
 * initializers a node still reads.
 */
final class LiveNodes {
    private LiveNodes() {
    }

    static List<Node> of(List<Node> nodes, List<String> graphOutputs) {
        Set<String> needed = new HashSet<>(graphOutputs);
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.inputs());
            }
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                out.add(nodes.get(i));
            }
        }
        return out;
    }

    /** Removes the initializers named in {@code replaced} that no node of {@code g} reads any more (a shared one stays). */
    static void dropUnreadInitializers(Graph g, Collection<String> replaced) {
        Set<String> read = new HashSet<>(g.outputNames());
        for (Node n : g.nodes()) {
            read.addAll(n.inputs());
        }
        for (String name : replaced) {
            if (!read.contains(name)) {
                g.removeInitializer(name);
            }
        }
    }
}
