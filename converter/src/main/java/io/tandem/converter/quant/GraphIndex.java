package io.tandem.converter.quant;

import io.tandem.converter.onnx.Attribute;
import io.tandem.converter.onnx.Graph;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who writes and who reads each tensor of a graph, and the value of each constant (an initializer
 * or a {@code Constant} node's output): what pattern matching over a graph needs. A snapshot: build
 * a new one after changing the graph.
 */
final class GraphIndex {
    private final Graph graph;
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();

    GraphIndex(Graph graph) {
        this.graph = graph;
        for (Node n : graph.nodes()) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
    }

    /** The node writing {@code tensor}, or null for graph inputs, initializers and unknown names. */
    Node producer(String tensor) {
        return producers.get(tensor);
    }

    /** The node writing {@code tensor} if it is a standard {@code opType}, else null. */
    Node producer(String tensor, String opType) {
        Node n = producers.get(tensor);
        return n != null && n.isStandard() && n.opType().equals(opType) ? n : null;
    }

    List<Node> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /**
     * The one standard {@code opType} node reading {@code tensor}, or null when none or several do;
     * other readers may exist (exported graphs read shapes everywhere: the caller checks they go).
     */
    Node consumer(String tensor, String opType) {
        Node found = null;
        for (Node n : consumers(tensor)) {
            if (n.isStandard() && n.opType().equals(opType)) {
                if (found != null) {
                    return null;
                }
                found = n;
            }
        }
        return found;
    }

    /** The value of a constant tensor, or null when it is computed at run time. */
    Initializer constant(String tensor) {
        Initializer t = graph.initializer(tensor);
        if (t != null) {
            return t;
        }
        Node n = producer(tensor, "Constant");
        Attribute value = n == null ? null : n.attribute("value");
        return value == null ? null : value.tensor();
    }

    /** A one-element float constant's value, or NaN. */
    float scalar(String tensor) {
        Initializer t = constant(tensor);
        if (t == null || t.dataType() != Initializer.FLOAT || t.elementCount() != 1) {
            return Float.NaN;
        }
        return t.floats()[0];
    }

    /** A node's integer-list attribute ({@code perm}, {@code axes}), or an empty list. */
    static List<Long> ints(Node n, String attribute) {
        Attribute a = n.attribute(attribute);
        return a == null ? List.of() : a.ints();
    }
}
