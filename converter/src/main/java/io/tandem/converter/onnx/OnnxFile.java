package io.tandem.converter.onnx;

import io.tandem.converter.ConverterException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ModelProto read for editing: its main graph is editable ({@link Graph}); every other field —
 * metadata, functions, training info, fields newer than this code — is written back byte for byte.
 * Reading then writing without edits gives the same bytes.
 */
public final class OnnxFile {
    // ModelProto field numbers (onnx.proto).
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;

    private final ProtoMessage message;
    private final Graph graph;
    private String producerName;
    private long defaultOpset = -1;
    private String producerVersion;
    private final Map<String, Long> addedOpsets = new LinkedHashMap<>();

    private OnnxFile(ProtoMessage message, Graph graph) {
        this.message = message;
        this.graph = graph;
    }

    public static OnnxFile read(byte[] bytes, String name) {
        try {
            ProtoMessage m = ProtoMessage.parse(bytes);
            ProtoField g = m.last(GRAPH);
            if (g == null) {
                throw new ConverterException("not an ONNX model: " + name + " (no graph)");
            }
            return new OnnxFile(m, Graph.read(g));
        } catch (ProtoReader.MalformedProtoException e) {
            throw new ConverterException("not an ONNX model: " + name + " (" + e.getMessage() + ")", e);
        }
    }

    public Graph graph() {
        return graph;
    }

    /** ModelProto.ir_version (0 when absent). */
    public long irVersion() {
        return message.varint(1, 0);
    }

    /** Opset versions by domain ("" is ai.onnx). */
    public Map<String, Long> opsets() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ProtoField f : message.all(OPSET_IMPORT)) {
            ProtoMessage o = f.message();
            String domain = o.string(1, "");
            out.put(domain.equals("ai.onnx") ? "" : domain, o.varint(2, 0));
        }
        return out;
    }

    public long opset() {
        return opsets().getOrDefault("", 0L);
    }

    /** Raises the ai.onnx opset import (callers check that no operator changes meaning). */
    public void setDefaultOpset(long version) {
        defaultOpset = version;
    }

    /** Imports {@code domain} at {@code version} unless the model already imports it (a rewrite added its operators). */
    public void requireOpset(String domain, long version) {
        if (!opsets().containsKey(domain)) {
            addedOpsets.put(domain, version);
        }
    }

    /** Records who rewrote the model (producer_name / producer_version). */
    public void setProducer(String name, String version) {
        producerName = name;
        producerVersion = version;
    }

    private static boolean isDefaultDomain(ProtoField opset) {
        String domain = opset.message().string(1, "");
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    public byte[] toBytes() {
        ProtoWriter w = new ProtoWriter(message.fields().stream().mapToInt(ProtoField::length).sum() + 1024);
        for (ProtoField f : message.fields()) {
            if (f.number() == GRAPH) {
                ProtoWriter g = new ProtoWriter(f.length() + 1024);
                graph.writeTo(g);
                w.message(GRAPH, g);
            } else if (f.number() == OPSET_IMPORT && defaultOpset >= 0 && isDefaultDomain(f)) {
                w.message(OPSET_IMPORT, new ProtoWriter().string(1, "").varint(2, defaultOpset));
            } else if (f.number() == PRODUCER_NAME && producerName != null) {
                w.string(PRODUCER_NAME, producerName);
            } else if (f.number() == PRODUCER_VERSION && producerVersion != null) {
                w.string(PRODUCER_VERSION, producerVersion);
            } else {
                w.field(f);
            }
        }
        for (Map.Entry<String, Long> e : addedOpsets.entrySet()) {
            w.message(OPSET_IMPORT, new ProtoWriter().string(1, e.getKey()).varint(2, e.getValue()));
        }
        return w.toBytes();
    }
}
