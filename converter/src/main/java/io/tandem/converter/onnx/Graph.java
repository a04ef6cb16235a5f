package io.tandem.converter.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The main GraphProto of a model, editable: nodes, initializers and value_info may be replaced;
 * every other field (name, doc_string, inputs, outputs, sparse initializers, annotations …) is
 * written back as it was read, in its original place.
 */
public final class Graph {
    // GraphProto field numbers (onnx.proto).
    static final int NODE = 1;
    static final int INITIALIZER = 5;
    static final int INPUT = 11;
    static final int OUTPUT = 12;
    static final int VALUE_INFO = 13;

    private final ProtoMessage message;
    private List<Node> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final List<ProtoField> valueInfo = new ArrayList<>();
    private final List<ProtoField> inputs = new ArrayList<>();
    private boolean valueInfoChanged;
    private final List<String> extraOutputs = new ArrayList<>();
    /** Graph outputs replaced by name, in their original place; a null value removes the output. */
    private final Map<String, ValueInfo> replacedOutputs = new LinkedHashMap<>();

    private Graph(ProtoMessage message) {
        this.message = message;
    }

    static Graph read(ProtoField field) {
        Graph g = new Graph(field.message());
        for (ProtoField f : g.message.fields()) {
            switch (f.number()) {
                case NODE -> g.nodes.add(Node.read(f));
                case INITIALIZER -> {
                    Initializer t = Initializer.read(f);
                    g.initializers.put(t.name(), t);
                }
                case VALUE_INFO -> g.valueInfo.add(f);
                case INPUT -> g.inputs.add(f);
                default -> { }
            }
        }
        return g;
    }

    public List<Node> nodes() {
        return new ArrayList<>(nodes);
    }

    public void setNodes(List<Node> newNodes) {
        nodes = new ArrayList<>(newNodes);
    }

    public Initializer initializer(String name) {
        return initializers.get(name);
    }

    public List<Initializer> initializers() {
        return new ArrayList<>(initializers.values());
    }

    public void putInitializer(Initializer t) {
        initializers.put(t.name(), t);
    }

    public void removeInitializer(String name) {
        initializers.remove(name);
    }

    /** Names of the graph's real inputs (not initializers listed as inputs, as before IR 4). */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (ProtoField f : inputs) {
            String name = f.message().string(1, "");
            if (!initializers.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (ProtoField f : message.all(OUTPUT)) {
            String name = f.message().string(1, "");
            if (!replacedOutputs.containsKey(name)) {
                names.add(name);
            } else if (replacedOutputs.get(name) != null) {
                names.add(replacedOutputs.get(name).name());
            }
        }
        return names;
    }

    /**
     * Replaces the graph output {@code name} in its place by a tensor output as {@code replacement}
     * declares it (name, element type, dims; null dims: rank not declared), or removes it when
     * {@code replacement} is null. The original's doc_string goes with it.
     */
    public void replaceOutput(String name, ValueInfo replacement) {
        if (!outputNames().contains(name)) {
            throw new IllegalArgumentException("the graph has no output '" + name + "'");
        }
        if (replacement != null && !replacement.isTensor()) {
            throw new IllegalArgumentException("only tensor outputs can be written, found " + replacement.kind());
        }
        replacedOutputs.put(name, replacement);
    }

    public void removeOutput(String name) {
        replaceOutput(name, null);
    }

    /** The value_info hint (or graph input or output declaration) for {@code name}, or null. */
    public ValueInfo valueInfo(String name) {
        for (ValueInfo v : replacedOutputs.values()) {
            if (v != null && v.name().equals(name)) {
                return v;
            }
        }
        for (ProtoField f : valueInfo) {
            if (f.message().string(1, "").equals(name)) {
                return OnnxModelReader.readValueInfo(f.reader());
            }
        }
        for (ProtoField f : message.fields()) {
            boolean removed = f.number() == OUTPUT && replacedOutputs.containsKey(name);
            if ((f.number() == INPUT || f.number() == OUTPUT) && !removed && f.message().string(1, "").equals(name)) {
                return OnnxModelReader.readValueInfo(f.reader());
            }
        }
        return null;
    }

    /** Drops the value_info hint for {@code name}, if there is one (a tensor renamed or removed). */
    public void removeValueInfo(String name) {
        valueInfo.removeIf(f -> f.message().string(1, "").equals(name));
    }

    /** Element type of a graph input or output (TypeProto.tensor_type.elem_type), or 0. */
    public int elementType(String name) {
        for (ValueInfo v : replacedOutputs.values()) {
            if (v != null && v.name().equals(name)) {
                return v.elementType().code();
            }
        }
        for (ProtoField f : message.fields()) {
            if ((f.number() == INPUT || f.number() == OUTPUT) && f.message().string(1, "").equals(name)) {
                ProtoField type = f.message().last(2);
                ProtoField tensor = type == null ? null : type.message().last(1);
                return tensor == null ? 0 : (int) tensor.message().varint(1, 0);
            }
        }
        return 0;
    }

    /** Makes an intermediate float tensor a graph output too (for calibration runs). */
    public void addFloatOutput(String name) {
        extraOutputs.add(name);
    }

    /** Drops every value_info (intermediate type hints, optional in ONNX) after a change of types. */
    public void clearValueInfo() {
        valueInfo.clear();
        valueInfoChanged = true;
    }

    void writeTo(ProtoWriter w) {
        boolean nodesDone = false;
        boolean initializersDone = false;
        boolean valueInfoDone = false;
        Set<String> dropInputs = new HashSet<>();
        for (ProtoField f : inputs) {
            String name = f.message().string(1, "");
            // An old-style input for a weight we removed or replaced must go with it.
            if (isOldStyleWeightInput(f, name)) {
                dropInputs.add(name);
            }
        }
        for (ProtoField f : message.fields()) {
            switch (f.number()) {
                case NODE -> {
                    if (!nodesDone) {
                        nodes.forEach(n -> n.writeTo(w));
                        nodesDone = true;
                    }
                }
                case INITIALIZER -> {
                    if (!initializersDone) {
                        initializers.values().forEach(t -> t.writeAsField(w, INITIALIZER));
                        initializersDone = true;
                    }
                }
                case VALUE_INFO -> {
                    if (!valueInfoDone) {
                        valueInfo.forEach(w::field);
                        valueInfoDone = true;
                    }
                }
                case INPUT -> {
                    if (!dropInputs.contains(f.message().string(1, ""))) {
                        w.field(f);
                    }
                }
                case OUTPUT -> {
                    String name = f.message().string(1, "");
                    if (!replacedOutputs.containsKey(name)) {
                        w.field(f);
                    } else if (replacedOutputs.get(name) != null) {
                        w.message(OUTPUT, tensorValueInfo(replacedOutputs.get(name)));
                    }
                }
                default -> w.field(f);
            }
        }
        if (!nodesDone) {
            nodes.forEach(n -> n.writeTo(w));
        }
        if (!initializersDone) {
            initializers.values().forEach(t -> t.writeAsField(w, INITIALIZER));
        }
        for (String name : extraOutputs) {
            ProtoWriter tensorType = new ProtoWriter().varint(1, Initializer.FLOAT);
            w.message(OUTPUT, new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType)));
        }
        if (!valueInfoDone && !valueInfoChanged) {
            valueInfo.forEach(w::field);
        }
    }

    /** A ValueInfoProto for a tensor: name, TypeProto.tensor_type (elem_type, shape when the rank is known). */
    private static ProtoWriter tensorValueInfo(ValueInfo v) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, v.elementType().code());
        if (v.dims() != null) {
            ProtoWriter shape = new ProtoWriter();
            for (Dim d : v.dims()) {
                ProtoWriter dim = new ProtoWriter();
                if (d.isFixed()) {
                    dim.varint(1, d.value());
                } else if (d.symbol() != null) {
                    dim.string(2, d.symbol());
                }
                shape.message(1, dim);
            }
            tensorType.message(2, shape);
        }
        return new ProtoWriter().string(1, v.name()).message(2, new ProtoWriter().message(1, tensorType));
    }

    private boolean isOldStyleWeightInput(ProtoField input, String name) {
        if (initializers.containsKey(name)) {
            return false;
        }
        for (ProtoField f : message.all(INITIALIZER)) {
            if (Initializer.read(f).name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
