package io.tandem.converter.quant;

import io.tandem.converter.onnx.OnnxFile;

import java.util.Set;

/**
 * A transformer encoder's graph rewritten for ONNX Runtime's fused kernels: self-attention blocks
 * into {@code com.microsoft.Attention} ({@link AttentionFusion}; the int8 rewrite then makes them
 * {@code QAttention}) and, where attention was fused, residual sum + layer norm into
 * {@code com.microsoft.SkipLayerNormalization} ({@link SkipLayerNormFusion}). Used by {@code quantize}
 * (int8) and by {@code optimize --fuse} (fp32).
 */
public final class EncoderFusion {
    /** How many of each were fused (both 0: the graph is unchanged). */
    public record Result(int attentions, int layerNorms) {
        public String describe() {
            return attentions + " attention blocks (com.microsoft.Attention) and " + layerNorms
                    + " residual layer norms (com.microsoft.SkipLayerNormalization)";
        }
    }

    private EncoderFusion() {
    }

    /** Fuses in place; projections named in {@code keepFp32} keep their attention block unfused. */
    public static Result apply(OnnxFile model, Set<String> keepFp32) {
        int attentions = AttentionFusion.fuse(model, keepFp32);
        int layerNorms = attentions > 0 ? SkipLayerNormFusion.fuse(model) : 0;
        return new Result(attentions, layerNorms);
    }
}
