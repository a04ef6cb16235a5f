package com.example.sentiment;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.Softmax;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Postprocessor;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sentiment} postprocessing: a classifier's logits over the bundle's labels →
 * {@code {"sentiment": "positive", "score": 0.87, "probabilities": {"negative": 0.065, "positive": 0.935}}},
 * where {@code sentiment} is the most probable label and {@code score} = P(positive) − P(negative),
 * from −1 (surely negative) to 1 (surely positive).
 *
 * <p>Plain Java that TeaVM compiles as well as the JVM runs it: no reflection, regular expressions,
 * {@code String.format} or streams; the arithmetic is in double, like the built-in processors.
 */
public final class SentimentOutput implements Postprocessor {
    /** The manifest's {@code postprocessing.type}. */
    public static final String NAME = "sentiment";

    static final String OUTPUT = "output";
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    /** Declared once: the check that refuses an unknown or wrongly typed field reads these. */
    static final OptionSet OPTIONS = OptionSet.of(
            Option.of(OUTPUT, Option.Kind.STRING, "The model output with the logits [batch, labels]; the first output when absent."),
            Option.of(POSITIVE, Option.Kind.STRING, "The label of the positive class.").defaultsTo("positive"),
            Option.of(NEGATIVE, Option.Kind.STRING, "The label of the negative class.").defaultsTo("negative"));

    public static final PostprocessorType TYPE = new PostprocessorType() {
        @Override
        public String type() {
            return NAME;
        }

        @Override
        public String description() {
            return "Sentiment: softmax over the logits, the most probable label and score = P(positive) - P(negative), from -1 to 1.";
        }

        /** Probability rows over the labels: the converter compares variants on top-1 and the largest difference. */
        @Override
        public OutputKind outputKind() {
            return OutputKind.CLASS_SCORES;
        }

        @Override
        public boolean needsLabels() {
            return true;
        }

        @Override
        public OptionSet options() {
            return OPTIONS;
        }

        @Override
        public Postprocessor open(Manifest manifest, JsonObject config) {
            List<String> labels = manifest.labels();
            String output = outputName(manifest, config.string(OUTPUT, null));
            int positive = labelIndex(labels, POSITIVE, config.string(POSITIVE, "positive"));
            int negative = labelIndex(labels, NEGATIVE, config.string(NEGATIVE, "negative"));
            if (positive == negative) {
                throw new RecipeException("postprocessing.negative: expected a label other than the positive one, found '"
                        + labels.get(negative) + "' for both");
            }
            return new SentimentOutput(output, labels, positive, negative);
        }
    };

    private final String output;
    private final List<String> labels;
    private final int positive;
    private final int negative;

    private SentimentOutput(String output, List<String> labels, int positive, int negative) {
        this.output = output;
        this.labels = labels;
        this.positive = positive;
        this.negative = negative;
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        double[] p = probabilities(outputs);
        int best = 0;
        Map<String, Object> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            byLabel.put(labels.get(i), p[i]);
            if (p[i] > p[best]) {
                best = i;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sentiment", labels.get(best));
        result.put("score", p[positive] - p[negative]);
        result.put("probabilities", byLabel);
        return result;
    }

    /** The probabilities in label order: what CLASS_SCORES compares a variant on. */
    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        double[] p = probabilities(outputs);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    /** Softmax over the logits of the one text in the batch. */
    double[] probabilities(Map<String, Tensor> outputs) {
        Tensor logits = outputs.get(output);
        if (logits == null) {
            throw new IllegalStateException("model gave no output named '" + output + "'");
        }
        if (logits.size() != labels.size()) {
            throw new IllegalStateException("expected " + labels.size() + " logits in output '" + output
                    + "' (one per label), found " + logits.size());
        }
        return Softmax.of(logits.floats());
    }

    /** The output the section names (the manifest's first when none), checked against the manifest. */
    private static String outputName(Manifest manifest, String asked) {
        List<TensorSpec> specs = manifest.outputs();
        if (specs.isEmpty()) {
            throw new RecipeException("outputs: expected at least one model output, found none");
        }
        String name = asked == null ? specs.get(0).name() : asked;
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec spec = specs.get(i);
            if (spec.name().equals(name)) {
                checkWidth(spec, manifest.labels().size());
                return name;
            }
            names.append(i == 0 ? "" : ", ").append(spec.name());
        }
        throw new RecipeException("postprocessing.output: expected one of the model outputs [" + names + "], found '" + name + "'");
    }

    /** A fixed last dimension must hold one logit per label: caught when the bundle opens, not on the first prediction. */
    private static void checkWidth(TensorSpec spec, int labels) {
        List<Object> dims = spec.dims();
        Object last = dims.isEmpty() ? null : dims.get(dims.size() - 1);
        if (last instanceof Number && ((Number) last).doubleValue() != labels) {
            throw new RecipeException("outputs." + spec.name() + ": expected " + labels + " logits (one per label) in the last dimension, found "
                    + last + " in " + dims);
        }
    }

    private static int labelIndex(List<String> labels, String field, String label) {
        int at = labels.indexOf(label);
        if (at < 0) {
            throw new RecipeException("postprocessing." + field + ": expected one of the labels " + labels + ", found '" + label + "'");
        }
        return at;
    }
}
