package io.tandem.converter.quant;

import io.tandem.converter.onnx.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes some graph output depends on, in their order: what is left to keep after a fusion has
 * taken over a pattern's nodes (the shape arithmetic and constants only the pattern read).
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
}
