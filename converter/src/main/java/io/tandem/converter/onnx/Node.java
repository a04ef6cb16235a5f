package io.tandem.converter.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * One NodeProto. A node read from a file keeps its original bytes and is written back unchanged
 * unless it was rebuilt ({@link #withInputs}, {@link #withOutputs}, {@link #withAttribute}); a
 * rebuilt node keeps every field it does not know (doc_string, overload, metadata) as read.
 */
public final class Node {
    // NodeProto field numbers (onnx.proto).
    static final int INPUT = 1;
    static final int OUTPUT = 2;
    static final int NAME = 3;
    static final int OP_TYPE = 4;
    static final int ATTRIBUTE = 5;
    static final int DOMAIN = 7;

    private final String name;
    private final String opType;
    private final String domain;
    private final List<String> inputs;
    private final List<String> outputs;
    private final List<Attribute> attributes;
    private final List<ProtoField> others;
    private final ProtoField original;

    private Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            List<Attribute> attributes, List<ProtoField> others, ProtoField original) {
        this.name = name;
        this.opType = opType;
        this.domain = domain;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.attributes = List.copyOf(attributes);
        this.others = List.copyOf(others);
        this.original = original;
    }

    /** A new node in the default (ai.onnx) domain, or in {@code domain} when given. */
    public static Node of(String opType, String name, List<String> inputs, List<String> outputs, Attribute... attributes) {
        return new Node(name, opType, "", inputs, outputs, List.of(attributes), List.of(), null);
    }

    static Node read(ProtoField field) {
        ProtoMessage m = field.message();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        List<ProtoField> others = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        for (ProtoField f : m.fields()) {
            switch (f.number()) {
                case INPUT -> inputs.add(f.string());
                case OUTPUT -> outputs.add(f.string());
                case NAME -> name = f.string();
                case OP_TYPE -> opType = f.string();
                case DOMAIN -> domain = f.string();
                case ATTRIBUTE -> attributes.add(Attribute.read(f));
                default -> others.add(f);
            }
        }
        return new Node(name, opType, domain, inputs, outputs, attributes, others, field);
    }

    public String name() {
        return name;
    }

    public String opType() {
        return opType;
    }

    /** "" (or "ai.onnx") for standard operators. */
    public String domain() {
        return domain;
    }

    public boolean isStandard() {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    public List<String> inputs() {
        return inputs;
    }

    /** Input i, or "" when absent (ONNX's way of leaving an optional input out). */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public List<String> outputs() {
        return outputs;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public Attribute attribute(String attributeName) {
        for (Attribute a : attributes) {
            if (a.name().equals(attributeName)) {
                return a;
            }
        }
        return null;
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(name, opType, domain, newInputs, outputs, attributes, others, null);
    }

    public Node withOutputs(List<String> newOutputs) {
        return new Node(name, opType, domain, inputs, newOutputs, attributes, others, null);
    }

    /** This node with the named attribute replaced (or added). */
    public Node withAttribute(Attribute a) {
        List<Attribute> list = new ArrayList<>();
        boolean replaced = false;
        for (Attribute old : attributes) {
            if (old.name().equals(a.name())) {
                list.add(a);
                replaced = true;
            } else {
                list.add(old);
            }
        }
        if (!replaced) {
            list.add(a);
        }
        return new Node(name, opType, domain, inputs, outputs, list, others, null);
    }

    public Node inDomain(String newDomain) {
        return new Node(name, opType, newDomain, inputs, outputs, attributes, others, null);
    }

    void writeTo(ProtoWriter w) {
        if (original != null) {
            w.field(original);
            return;
        }
        ProtoWriter n = new ProtoWriter();
        inputs.forEach(s -> n.string(INPUT, s));
        outputs.forEach(s -> n.string(OUTPUT, s));
        if (!name.isEmpty()) {
            n.string(NAME, name);
        }
        n.string(OP_TYPE, opType);
        for (Attribute a : attributes) {
            ProtoWriter aw = new ProtoWriter();
            a.writeTo(aw);
            n.message(ATTRIBUTE, aw);
        }
        if (!domain.isEmpty()) {
            n.string(DOMAIN, domain);
        }
        others.forEach(n::field);
        w.message(Graph.NODE, n);
    }
}
