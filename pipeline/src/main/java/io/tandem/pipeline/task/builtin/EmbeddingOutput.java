package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.Pooling;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Postprocessor;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Token vectors → one sentence vector: mean over the attention mask (sentence-transformers),
 * the [CLS] token's vector (BGE), or the output as it is (a model that pools inside, or a caller
 * who wants every token's vector); then, by default, scaled to unit length so a dot product is the
 * cosine similarity.
 */
public final class EmbeddingOutput implements Postprocessor {
    private static final OptionSet OPTIONS = OptionSet.of(Outputs.OPTION,
            Option.choice("pooling", "mean: average of the token vectors under the attention mask; cls: the first "
                    + "token's vector; none: the output as it is (already pooled, or one vector per token).", "mean", "cls", "none"),
            Option.of("normalize", Option.Kind.BOOLEAN, "Scale the vector to unit length (L2).").defaultsTo(Boolean.TRUE));

    public static final PostprocessorType TYPE = PostprocessorType.of("embedding",
            "A vector per text: pooling mean, cls or none, L2-normalised unless normalize is false.", OutputKind.EMBEDDING, false, OPTIONS,
            (manifest, config) -> open(manifest, config, Pooling.fromId(config.string("pooling", "mean")), config.bool("normalize", true)));

    /** The name of today's MiniLM bundle: mean pooling and L2 normalisation, with no options. */
    public static final PostprocessorType MEAN_POOL_L2 = PostprocessorType.of("mean-pool-l2",
            "Preset: embedding with pooling mean and normalize true (sentence-transformers).", OutputKind.EMBEDDING, false,
            OptionSet.of(Outputs.OPTION), (manifest, config) -> open(manifest, config, Pooling.MEAN, true));

    private final String output;
    private final String maskInput;
    private final Pooling pooling;
    private final boolean normalize;

    EmbeddingOutput(String output, String maskInput, Pooling pooling, boolean normalize) {
        this.output = output;
        this.maskInput = maskInput;
        this.pooling = pooling;
        this.normalize = normalize;
    }

    private static EmbeddingOutput open(Manifest manifest, JsonObject config, Pooling pooling, boolean normalize) {
        String mask = manifest.preprocessing().string("maskInput", WordPieceInput.DEFAULT_MASK_INPUT);
        return new EmbeddingOutput(Outputs.name(manifest, config), mask, pooling, normalize);
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        float[] v = comparable(prepared, outputs);
        List<Object> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add((double) f);
        }
        return out;
    }

    /**
     * The embedding of the one text in the batch; for pooling none, the output's vectors as they
     * are (each L2-normalised unless normalize is false): one for a pooled [1, dim] output, one per
     * token for [1, sequence, dim].
     */
    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        Tensor hidden = Outputs.get(outputs, output);
        if (pooling == Pooling.NONE) {
            int dim = hidden.dim(hidden.rank() - 1);
            return pooling.apply(hidden.floats(), hidden.size() / dim, dim, null, normalize);
        }
        if (hidden.rank() != 3) {
            throw new IllegalStateException("pooling '" + pooling.id() + "' expects output '" + output
                    + "' of rank 3 [batch, sequence, dim], found rank " + hidden.rank() + " (use pooling 'none' for a pooled output)");
        }
        long[] mask = pooling == Pooling.MEAN ? prepared.feed(maskInput).longs() : null;
        return pooling.apply(hidden.floats(), hidden.dim(1), hidden.dim(2), mask, normalize);
    }
}
