package io.tandem.converter.quant;

import java.util.Set;

/**
 * What {@link DynamicQuantizer} rewrites. {@code ops}: MatMul, Gemm (int8 weights, activations
 * quantised at run time) and Gather (int8 embedding tables, dequantised after the lookup);
 * {@code minGatherElements}: smaller tables stay fp32, the saving is not worth the error;
 * {@code fuse}: transformer encoders (BERT-style) get ONNX Runtime's fused operators:
 * {@code com.microsoft.QAttention} for self-attention ({@link AttentionFusion}) and
 * {@code SkipLayerNormalization} for residual sum + layer norm ({@link SkipLayerNormFusion});
 * false: standard ONNX operators only.
 */
public record QuantizeOptions(Set<String> ops, Set<String> excludeNodes, boolean perChannel, boolean symmetric,
        long minGatherElements, boolean fuse) {
    public static final Set<String> SUPPORTED_OPS = Set.of("MatMul", "Gemm", "Gather");

    public static QuantizeOptions defaults() {
        return new QuantizeOptions(SUPPORTED_OPS, Set.of(), true, true, 65_536, true);
    }


}
