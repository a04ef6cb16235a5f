package io.tandem.converter.onnx;

import java.util.List;
import java.util.Map;

/**
 * What {@link OnnxModelReader} learns from an ONNX file without loading its weights.
 *
 * @param opsets       operator set imports, domain ("ai.onnx" for the default) → version
 * @param operators    op type ("Conv", or "com.microsoft.FusedMatMul" outside the default domain) →
 *                     node count, subgraphs included, most frequent first
 * @param externalData true when some weights live in files next to the model
 */
public record OnnxModel(
        long irVersion,
        String producerName,
        String producerVersion,
        Map<String, Long> opsets,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs,
        Map<String, Integer> operators,
        int nodeCount,
        int initializerCount,
        boolean externalData) {

    public String producer() {
        String p = (producerName + " " + producerVersion).trim();
        return p.isEmpty() ? "unknown" : p;
    }

    public ValueInfo input(String name) {
        return find(inputs, name);
    }

    public ValueInfo output(String name) {
        return find(outputs, name);
    }

    /**
     * Null when a tensor of {@code shape} fits input {@code name}, else one line: {@code expected 28
     * (dimension 2 of input 'input_image'), found 224}, or the inputs there are when there is none of
     * that name.
     */
    public String inputFits(String name, int[] shape) {
        ValueInfo v = input(name);
        if (v == null) {
            return "expected one of the inputs " + inputs.stream().map(ValueInfo::name).toList() + ", found '" + name + "'";
        }
        return v.fits("input", shape);
    }

    /** Every problem with a whole feed (input name → shape), symbols shared across inputs; empty when it fits. */
    public List<String> inputsFit(Map<String, long[]> shapes) {
        return ShapeFit.all(inputs, "input", shapes);
    }

    private static ValueInfo find(List<ValueInfo> values, String name) {
        for (ValueInfo v : values) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
