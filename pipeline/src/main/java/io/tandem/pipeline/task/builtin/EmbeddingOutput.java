package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.Vectors;
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
    /** How token vectors become one vector. */
    public enum Pooling {
        MEAN("mean"), CLS("cls"), NONE("none");

        private final String wireName;

        Pooling(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Pooling fromWireName(String name) {
            for (Pooling p : values()) {
                if (p.wireName.equals(name)) {
                    return p;
                }
            }
            throw new RecipeException("postprocessing.pooling: expected one of [mean, cls, none], found '" + name + "'");
        }
    }

    private static final OptionSet OPTIONS = OptionSet.of(Outputs.OPTION,
            Option.choice("pooling", "mean: average of the token vectors under the attention mask; cls: the first "
                    + "token's vector; none: the output as it is (already pooled, or one vector per token).", "mean", "cls", "none"),
            Option.of("normalize", Option.Kind.BOOLEAN, "Scale the vector to unit length (L2).").defaultsTo(Boolean.TRUE));

    public static final PostprocessorType TYPE = new Type("embedding",
            "A vector per text: pooling mean, cls or none, L2-normalised unless normalize is false.", OPTIONS, null, true);

    /** The name of today's MiniLM bundle: mean pooling and L2 normalisation, with no options. */
    public static final PostprocessorType MEAN_POOL_L2 = new Type("mean-pool-l2",
            "Preset: embedding with pooling mean and normalize true (sentence-transformers).", OptionSet.of(Outputs.OPTION), Pooling.MEAN, true);

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

    private static final class Type implements PostprocessorType {
        private final String name;
        private final String description;
        private final OptionSet options;
        private final Pooling fixedPooling;
        private final boolean fixedNormalize;

        Type(String name, String description, OptionSet options, Pooling fixedPooling, boolean fixedNormalize) {
            this.name = name;
            this.description = description;
            this.options = options;
            this.fixedPooling = fixedPooling;
            this.fixedNormalize = fixedNormalize;
        }

        @Override
        public String type() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public OutputKind outputKind() {
            return OutputKind.EMBEDDING;
        }

        @Override
        public boolean needsLabels() {
            return false;
        }

        @Override
        public OptionSet options() {
            return options;
        }

        @Override
        public Postprocessor open(Manifest manifest, JsonObject config) {
            Pooling pooling = fixedPooling != null ? fixedPooling : Pooling.fromWireName(config.string("pooling", "mean"));
            boolean normalize = fixedPooling != null ? fixedNormalize : config.bool("normalize", true);
            String mask = manifest.preprocessing().string("maskInput", WordPieceInput.DEFAULT_MASK_INPUT);
            return new EmbeddingOutput(Outputs.name(manifest, config), mask, pooling, normalize);
        }
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

    /** The embedding of the one text in the batch (for pooling none, every value of the output in order). */
    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        Tensor hidden = Outputs.get(outputs, output);
        double[] pooled;
        if (pooling == Pooling.NONE) {
            float[] values = hidden.floats();
            pooled = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                pooled[i] = values[i];
            }
        } else {
            if (hidden.rank() != 3) {
                throw new IllegalStateException("pooling '" + pooling.wireName() + "' expects output '" + output
                        + "' of rank 3 [batch, sequence, dim], found rank " + hidden.rank() + " (use pooling 'none' for a pooled output)");
            }
            int sequence = hidden.dim(1);
            int dim = hidden.dim(2);
            if (pooling == Pooling.MEAN) {
                pooled = Vectors.maskedMeanPool(hidden.floats(), sequence, dim, prepared.feed(maskInput).longs());
            } else {
                float[] values = hidden.floats();
                pooled = new double[dim];
                for (int i = 0; i < dim; i++) {
                    pooled[i] = values[i];
                }
            }
        }
        if (normalize) {
            return Vectors.l2Normalise(pooled);
        }
        float[] out = new float[pooled.length];
        for (int i = 0; i < pooled.length; i++) {
            out[i] = (float) pooled[i];
        }
        return out;
    }
}
