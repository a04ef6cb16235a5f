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

    private static ValueInfo find(List<ValueInfo> values, String name) {
        for (ValueInfo v : values) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
