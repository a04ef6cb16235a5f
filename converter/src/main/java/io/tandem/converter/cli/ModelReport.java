package io.tandem.converter.cli;

import io.tandem.converter.Sizes;
import io.tandem.converter.onnx.Dim;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.ValueInfo;
import io.tandem.converter.support.OperatorSupport;
import io.tandem.converter.support.OperatorTable;
import io.tandem.pipeline.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code inspect model.onnx}: the model summary as text for people or JSON for scripts. */
record ModelReport(String file, long bytes, String sha256, OnnxModel model) {

    List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add(Output.field("model", file));
        lines.add(Output.field("size", bytes + " bytes (" + Sizes.human(bytes) + ")"));
        lines.add(Output.field("sha256", sha256));
        lines.add(Output.field("ir version", model.irVersion()));
        lines.add(Output.field("producer", model.producer()));
        List<String> opsets = new ArrayList<>();
        model.opsets().forEach((domain, version) -> opsets.add(domain + " " + version));
        lines.add(Output.field("opsets", String.join(", ", opsets)));
        values(lines, "inputs", model.inputs());
        values(lines, "outputs", model.outputs());
        lines.add(Output.field("operators", model.nodeCount() + " nodes, " + model.operators().size() + " types, "
                + model.initializerCount() + " initializers" + (model.externalData() ? " (some stored externally)" : "")));
        int w = Output.width(new ArrayList<>(model.operators().keySet()));
        model.operators().forEach((op, count) -> lines.add("  " + Output.pad(op, w) + "  " + count));
        support(lines);
        return lines;
    }

    /** Per operator type: does ORT Web's wasm / webgpu run it, then the summary line. */
    private void support(List<String> lines) {
        OperatorSupport support = OperatorSupport.of(model, OperatorTable.ortWeb());
        lines.add(Output.field("ort web", OperatorTable.RUNTIME + ": operator, opset, wasm, webgpu"));
        int w = Output.width(support.rows().stream().map(OperatorSupport.Row::name).toList());
        int v = Output.width(support.rows().stream().map(r -> r.domain() + " " + r.opset()).toList());
        for (OperatorSupport.Row r : support.rows()) {
            lines.add("  " + Output.pad(r.name(), w) + "  " + Output.pad(r.domain() + " " + r.opset(), v) + "  "
                    + Output.pad(r.wasm().label(), 4) + "  " + r.webgpu().label());
        }
        lines.add(Output.field("support", support.summary()));
    }

    private static void values(List<String> lines, String title, List<ValueInfo> values) {
        lines.add(title);
        int w = Output.width(values.stream().map(ValueInfo::name).toList());
        for (ValueInfo v : values) {
            lines.add("  " + Output.pad(v.name(), w) + "  " + v.typeString());
        }
    }

    String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("bytes", bytes);
        m.put("sha256", sha256);
        m.put("irVersion", model.irVersion());
        Map<String, Object> producer = new LinkedHashMap<>();
        producer.put("name", model.producerName());
        producer.put("version", model.producerVersion());
        m.put("producer", producer);
        m.put("opsets", new LinkedHashMap<String, Object>(model.opsets()));
        m.put("inputs", values(model.inputs()));
        m.put("outputs", values(model.outputs()));
        m.put("nodes", (long) model.nodeCount());
        m.put("initializers", (long) model.initializerCount());
        m.put("externalData", model.externalData());
        m.put("operators", new LinkedHashMap<String, Object>(model.operators()));
        m.put("operatorSupport", OperatorSupport.of(model, OperatorTable.ortWeb()).json());
        return Json.write(m);
    }

    /** Shapes in JSON: numbers for fixed dims, names for symbolic ones, null for unknown. */
    private static List<Object> values(List<ValueInfo> values) {
        List<Object> out = new ArrayList<>();
        for (ValueInfo v : values) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", v.name());
            o.put("dtype", v.isTensor() ? v.elementType().wireName() : v.kind());
            if (v.dims() == null) {
                o.put("shape", null);
            } else {
                List<Object> dims = new ArrayList<>();
                for (Dim d : v.dims()) {
                    dims.add(d.toJson());
                }
                o.put("shape", dims);
            }
            out.add(o);
        }
        return out;
    }
}
