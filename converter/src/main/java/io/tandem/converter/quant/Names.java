package io.tandem.converter.quant;

import io.tandem.converter.onnx.Graph;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.Node;

import java.util.HashSet;
import java.util.Set;

/** Fresh tensor and node names that cannot collide with any name already in the graph. */
final class Names {
    private final Set<String> used = new HashSet<>();

    Names(Graph graph) {
        used.addAll(graph.inputNames());
        used.addAll(graph.outputNames());
        for (Initializer t : graph.initializers()) {
            used.add(t.name());
        }
        for (Node n : graph.nodes()) {
            used.addAll(n.inputs());
            used.addAll(n.outputs());
            used.add(n.name());
        }
    }

    String fresh(String base) {
        String name = base;
        for (int i = 1; used.contains(name); i++) {
            name = base + "_" + i;
        }
        used.add(name);
        return name;
    }
}
