package io.tandem.converter.onnx;

import io.tandem.converter.ConverterException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises an ONNX {@code ModelProto} (field numbers from onnx/onnx.proto): IR version, producer,
 * opset imports, graph inputs and outputs with their declared shapes, and operator counts.
 *
 * <p>Weights are skipped, never copied. Graph inputs that are also initializers are left out, as
 * onnxruntime does: before IR 4 exporters listed every weight as an input.
 */
public final class OnnxModelReader {
    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    // AttributeProto: subgraphs of If / Loop / Scan
    private static final int ATTRIBUTE_GRAPH = 6;
    private static final int ATTRIBUTE_GRAPHS = 11;
    // TensorProto
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_LOCATION_EXTERNAL = 1;
    // ValueInfoProto
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    // TypeProto
    private static final int TYPE_TENSOR = 1;
    private static final int TYPE_SEQUENCE = 4;
    private static final int TYPE_MAP = 5;
    private static final int TYPE_SPARSE_TENSOR = 8;
    private static final int TYPE_OPTIONAL = 9;
    // TypeProto.Tensor
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    // TensorShapeProto and its Dimension
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private OnnxModelReader() {
    }

    /** Reads a model; {@code name} is used in the error when the bytes are not an ONNX model. */
    public static OnnxModel read(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw notOnnx(name, "the file is empty");
        }
        try {
            return readModel(new ProtoReader(bytes), name);
        } catch (ProtoReader.MalformedProtoException e) {
            throw notOnnx(name, e.getMessage());
        }
    }

    private static ConverterException notOnnx(String name, String why) {
        return new ConverterException("not an ONNX model: " + name + " (" + why + ")");
    }

    private static OnnxModel readModel(ProtoReader r, String name) {
        long irVersion = 0;
        String producerName = "";
        String producerVersion = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        Graph graph = null;
        while (r.hasMore()) {
            switch (r.nextField()) {
                case MODEL_IR_VERSION -> irVersion = r.varint();
                case MODEL_PRODUCER_NAME -> producerName = r.string();
                case MODEL_PRODUCER_VERSION -> producerVersion = r.string();
                case MODEL_GRAPH -> graph = readGraph(r.message(), new Graph(), true);
                case MODEL_OPSET_IMPORT -> readOpset(r.message(), opsets);
                default -> r.skip();
            }
        }
        if (irVersion <= 0) {
            throw notOnnx(name, "no IR version");
        }
        if (graph == null) {
            throw notOnnx(name, "no graph");
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo v : graph.inputs) {
            if (!graph.initializers.contains(v.name())) {
                inputs.add(v);
            }
        }
        return new OnnxModel(irVersion, producerName, producerVersion, opsets, inputs, graph.outputs,
                sortByCount(graph.operators), graph.nodeCount, graph.initializers.size(), graph.externalData);
    }

    private static void readOpset(ProtoReader r, Map<String, Long> opsets) {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            switch (r.nextField()) {
                case OPSET_DOMAIN -> domain = r.string();
                case OPSET_VERSION -> version = r.varint();
                default -> r.skip();
            }
        }
        opsets.put(domain.isEmpty() ? "ai.onnx" : domain, version);
    }

    /** Accumulates into {@code g}; only the main graph ({@code top}) contributes inputs and outputs. */
    private static Graph readGraph(ProtoReader r, Graph g, boolean top) {
        while (r.hasMore()) {
            int field = r.nextField();
            if (field == GRAPH_NODE) {
                readNode(r.message(), g);
            } else if (field == GRAPH_INITIALIZER && top) {
                readInitializer(r.message(), g);
            } else if (field == GRAPH_INPUT && top) {
                g.inputs.add(readValueInfo(r.message()));
            } else if (field == GRAPH_OUTPUT && top) {
                g.outputs.add(readValueInfo(r.message()));
            } else {
                r.skip();
            }
        }
        return g;
    }

    private static void readNode(ProtoReader r, Graph g) {
        String op = "";
        String domain = "";
        while (r.hasMore()) {
            switch (r.nextField()) {
                case NODE_OP_TYPE -> op = r.string();
                case NODE_DOMAIN -> domain = r.string();
                case NODE_ATTRIBUTE -> readAttribute(r.message(), g);
                default -> r.skip();
            }
        }
        String key = domain.isEmpty() || domain.equals("ai.onnx") ? op : domain + "." + op;
        g.operators.merge(key, 1, Integer::sum);
        g.nodeCount++;
    }

    private static void readAttribute(ProtoReader r, Graph g) {
        while (r.hasMore()) {
            int field = r.nextField();
            if (field == ATTRIBUTE_GRAPH || field == ATTRIBUTE_GRAPHS) {
                readGraph(r.message(), g, false);
            } else {
                r.skip();
            }
        }
    }

    private static void readInitializer(ProtoReader r, Graph g) {
        while (r.hasMore()) {
            switch (r.nextField()) {
                case TENSOR_NAME -> g.initializers.add(r.string());
                case TENSOR_DATA_LOCATION -> g.externalData |= r.varint() == DATA_LOCATION_EXTERNAL;
                default -> r.skip();
            }
        }
    }

    static ValueInfo readValueInfo(ProtoReader r) {
        String name = "";
        ValueInfo typed = new ValueInfo("", "unknown", ElementType.UNDEFINED, null);
        while (r.hasMore()) {
            switch (r.nextField()) {
                case VALUE_NAME -> name = r.string();
                case VALUE_TYPE -> typed = readType(r.message());
                default -> r.skip();
            }
        }
        return new ValueInfo(name, typed.kind(), typed.elementType(), typed.dims());
    }

    /** A TypeProto as a nameless ValueInfo (kind, element type, dims). */
    private static ValueInfo readType(ProtoReader r) {
        ValueInfo result = new ValueInfo("", "unknown", ElementType.UNDEFINED, null);
        while (r.hasMore()) {
            switch (r.nextField()) {
                case TYPE_TENSOR -> result = readTensorType(r.message(), "tensor");
                case TYPE_SPARSE_TENSOR -> result = readTensorType(r.message(), "sparse_tensor");
                case TYPE_SEQUENCE -> result = nonTensor(r, "sequence");
                case TYPE_MAP -> result = nonTensor(r, "map");
                case TYPE_OPTIONAL -> result = nonTensor(r, "optional");
                default -> r.skip();
            }
        }
        return result;
    }

    private static ValueInfo nonTensor(ProtoReader r, String kind) {
        r.skip();
        return new ValueInfo("", kind, ElementType.UNDEFINED, null);
    }

    private static ValueInfo readTensorType(ProtoReader r, String kind) {
        ElementType type = ElementType.UNDEFINED;
        List<Dim> dims = null;
        while (r.hasMore()) {
            switch (r.nextField()) {
                case TENSOR_TYPE_ELEM_TYPE -> type = ElementType.fromCode((int) r.varint());
                case TENSOR_TYPE_SHAPE -> dims = readShape(r.message());
                default -> r.skip();
            }
        }
        return new ValueInfo("", kind, type, dims);
    }

    private static List<Dim> readShape(ProtoReader r) {
        List<Dim> dims = new ArrayList<>();
        while (r.hasMore()) {
            if (r.nextField() == SHAPE_DIM) {
                dims.add(readDim(r.message()));
            } else {
                r.skip();
            }
        }
        return dims;
    }

    private static Dim readDim(ProtoReader r) {
        Dim dim = Dim.unknown();
        while (r.hasMore()) {
            switch (r.nextField()) {
                case DIM_VALUE -> dim = Dim.fixed(r.varint());
                // Exporters write "" or "?" for "unknown"; treat those as unnamed.
                case DIM_PARAM -> {
                    String p = r.string();
                    dim = p.isEmpty() || p.equals("?") ? Dim.unknown() : Dim.symbolic(p);
                }
                default -> r.skip();
            }
        }
        return dim;
    }

    private static Map<String, Integer> sortByCount(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Mutable accumulator while walking the graph and its subgraphs. */
    private static final class Graph {
        final List<ValueInfo> inputs = new ArrayList<>();
        final List<ValueInfo> outputs = new ArrayList<>();
        final Set<String> initializers = new HashSet<>();
        final Map<String, Integer> operators = new HashMap<>();
        int nodeCount;
        boolean externalData;
    }
}
