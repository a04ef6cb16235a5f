package io.tandem.converter.quant;

import java.util.Set;

/**
 * What {@link DynamicQuantizer} rewrites. {@code ops}: MatMul, Gemm (int8 weights, activations
 * quantised at run time) and Gather (int8 embedding tables, dequantised after the lookup);
 * {@code minGatherElements}: smaller tables stay fp32, the saving is not worth the error;
 * {@code fuse}: transformer encoders (BERT-style) get ONNX Runtime's fused operators:
 * {@code com.microsoft.QAttention} for self-attention ({@link AttentionFusion}) and
 * {@code SkipLayerNormalization} for residual sum + layer norm ({@link SkipLayerNormFusion});
 * false: standard ONNX operators only; {@code weightRange}: the integer range of MatMul and Gemm
 * weights ({@link WeightRange}: full int8 for browsers, uint8 or 7-bit where a server without VNNI
 * would saturate).
 */
public record QuantizeOptions(Set<String> ops, Set<String> excludeNodes, boolean perChannel, boolean symmetric,
        long minGatherElements, boolean fuse, WeightRange weightRange) {
    public static final Set<String> SUPPORTED_OPS = Set.of("MatMul", "Gemm", "Gather");

    /** Full-range int8 weights (browser variants). */
    public QuantizeOptions(Set<String> ops, Set<String> excludeNodes, boolean perChannel, boolean symmetric,
            long minGatherElements, boolean fuse) {
        this(ops, excludeNodes, perChannel, symmetric, minGatherElements, fuse, WeightRange.FULL);
    }

    public static QuantizeOptions defaults() {
        return new QuantizeOptions(SUPPORTED_OPS, Set.of(), true, true, 65_536, true, WeightRange.FULL);
    }

    public QuantizeOptions withWeightRange(WeightRange range) {
        return new QuantizeOptions(ops, excludeNodes, perChannel, symmetric, minGatherElements, fuse, range);
    }
}
