package io.tandem.converter.quant;

import io.tandem.converter.onnx.Attribute;
import io.tandem.converter.onnx.Graph;
import io.tandem.converter.onnx.Initializer;
import io.tandem.converter.onnx.Node;
import io.tandem.converter.onnx.OnnxFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fp16 for WebGPU: float weights and constants become fp16 and every float computation with them;
 * the graph's inputs and outputs stay fp32 (a Cast at each boundary), so callers — the pipeline's
 * tensors on both sides — do not change. Halves the file, and WebGPU runs fp16 natively where the
 * adapter has shader-f16. Value-info hints are dropped: they name the old float types.
 */
public final class Fp16Converter {
    private Fp16Converter() {
    }

    /** Returns how many float tensors were converted. */
    public static int convert(OnnxFile model) {
        Graph g = model.graph();
        Names names = new Names(g);
        int converted = 0;
        for (Initializer t : g.initializers()) {
            if (t.dataType() == Initializer.FLOAT && !t.isExternal()) {
                g.putInitializer(toFp16(t, t.name()));
                converted++;
            }
        }
        Map<String, String> renamed = new HashMap<>();
        List<Node> out = new ArrayList<>();
        for (String input : g.inputNames()) {
            if (g.elementType(input) == Initializer.FLOAT) {
                String half = names.fresh(input + "_fp16");
                out.add(Node.of("Cast", names.fresh(input + "_to_fp16"), List.of(input), List.of(half),
                        Attribute.ofInt("to", Initializer.FLOAT16)));
                renamed.put(input, half);
            }
        }
        Map<String, String> outputRenames = new HashMap<>();
        for (String output : g.outputNames()) {
            if (g.elementType(output) == Initializer.FLOAT && !renamed.containsKey(output)) {
                outputRenames.put(output, names.fresh(output + "_fp16"));
            }
        }
        for (Node n : g.nodes()) {
            Node m = n;
            List<String> inputs = rename(m.inputs(), renamed, outputRenames);
            if (!inputs.equals(m.inputs())) {
                m = m.withInputs(inputs);
            }
            List<String> outputs = rename(m.outputs(), Map.of(), outputRenames);
            if (!outputs.equals(m.outputs())) {
                m = m.withOutputs(outputs);
            }
            m = retype(m);
            if (m != n && n.opType().equals("Constant")) {
                converted++;
            }
            out.add(m);
        }
        for (Map.Entry<String, String> e : outputRenames.entrySet()) {
            out.add(Node.of("Cast", names.fresh(e.getKey() + "_to_fp32"), List.of(e.getValue()), List.of(e.getKey()),
                    Attribute.ofInt("to", Initializer.FLOAT)));
        }
        g.setNodes(out);
        g.clearValueInfo();
        return converted;
    }

    /** Float constants and casts to float move to fp16; everything else is typed by its inputs. */
    private static Node retype(Node n) {
        if (!n.isStandard()) {
            return n;
        }
        switch (n.opType()) {
            case "Cast" -> {
                Attribute to = n.attribute("to");
                if (to != null && to.i(0) == Initializer.FLOAT) {
                    return n.withAttribute(Attribute.ofInt("to", Initializer.FLOAT16));
                }
            }
            case "Constant", "ConstantOfShape" -> {
                Attribute value = n.attribute("value");
                Initializer t = value == null ? null : value.tensor();
                if (t != null && t.dataType() == Initializer.FLOAT) {
                    return n.withAttribute(Attribute.ofTensor("value", toFp16(t, t.name())));
                }
            }
            default -> { }
        }
        return n;
    }

    private static List<String> rename(List<String> list, Map<String, String> a, Map<String, String> b) {
        List<String> out = new ArrayList<>(list.size());
        for (String s : list) {
            out.add(a.getOrDefault(s, b.getOrDefault(s, s)));
        }
        return out;
    }

    static Initializer toFp16(Initializer t, String name) {
        float[] f = t.floats();
        short[] h = new short[f.length];
        for (int i = 0; i < f.length; i++) {
            h[i] = Float16.fromFloat(f[i]);
        }
        return Initializer.ofShorts(name, Initializer.FLOAT16, t.dims(), h);
    }
}
