package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.LabelScore;
import io.tandem.pipeline.math.Sigmoid;
import io.tandem.pipeline.math.Softmax;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Postprocessor;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of class scores → the bundle's labels with their probabilities, best first. The three
 * types differ only in how scores become probabilities: softmax (single-label: logits or
 * log-probabilities, since softmax(log p) = p), sigmoid (multi-label: each label on its own) or
 * none (the model gives probabilities already).
 */
public final class ClassScores implements Postprocessor {
    /** How a score becomes a probability. */
    enum Activation { SOFTMAX, SIGMOID, NONE }

    // Before the types: they take it when they are made.
    private static final OptionSet OPTIONS = OptionSet.of(Outputs.OPTION,
            Option.of("topK", Option.Kind.INTEGER, "Return only the k most probable labels; all when absent.").between(1, 1_000_000));

    public static final PostprocessorType SOFTMAX = type("softmax", Activation.SOFTMAX,
            "Single-label: softmax over the scores (logits or log-probabilities), labels ranked by probability.");
    public static final PostprocessorType SIGMOID = type("sigmoid", Activation.SIGMOID,
            "Multi-label: a sigmoid per label (each is its own yes/no), labels ranked by probability.");
    public static final PostprocessorType PROBABILITIES = type("probabilities", Activation.NONE,
            "The model's outputs are probabilities already (e.g. scikit-learn's predict_proba); labels ranked.");


    private final String output;
    private final List<String> labels;
    private final Activation activation;
    private final int topK;

    private ClassScores(String output, List<String> labels, Activation activation, int topK) {
        this.output = output;
        this.labels = labels;
        this.activation = activation;
        this.topK = topK;
    }

    private static PostprocessorType type(String name, final Activation activation, String description) {
        return PostprocessorType.of(name, description, OutputKind.CLASS_SCORES, true, OPTIONS, (manifest, config) ->
                new ClassScores(Outputs.name(manifest, config), manifest.labels(), activation, (int) config.integer("topK", Integer.MAX_VALUE)));
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        List<LabelScore> ranked = LabelScore.ranked(labels, probabilities(outputs));
        return toJson(ranked.size() > topK ? ranked.subList(0, topK) : ranked);
    }

    /** The probabilities in label order (not ranked): what variants are compared on. */
    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        double[] p = probabilities(outputs);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    /** Scores of the one input in the batch. */
    public double[] probabilities(Map<String, Tensor> outputs) {
        Tensor scores = Outputs.get(outputs, output);
        int classes = scores.rank() == 0 ? 1 : scores.dim(scores.rank() - 1);
        if (classes != labels.size() || scores.size() != classes) {
            throw new IllegalStateException("expected " + labels.size() + " scores in output '" + output + "' (one per label), found "
                    + scores.size());
        }
        float[] values = scores.floats();
        switch (activation) {
            case SOFTMAX:
                return Softmax.of(values, 0, classes);
            case SIGMOID:
                return Sigmoid.of(values);
            default:
                double[] p = new double[classes];
                for (int i = 0; i < classes; i++) {
                    p[i] = values[i];
                }
                return p;
        }
    }

    public static List<Object> toJson(List<LabelScore> scores) {
        List<Object> out = new ArrayList<>(scores.size());
        for (LabelScore s : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", s.label());
            m.put("score", s.score());
            out.add(m);
        }
        return out;
    }
}
