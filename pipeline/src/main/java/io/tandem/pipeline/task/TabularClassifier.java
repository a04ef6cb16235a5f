package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.math.LabelScore;
import io.tandem.pipeline.math.Softmax;
import io.tandem.pipeline.tabular.TabularEncoder;
import io.tandem.pipeline.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record of features → class probabilities, for tabular models (Tribuo's exported classifiers).
 * The result has the same shape as {@link DigitClassifier}'s, so pages and clients treat both alike.
 */
public final class TabularClassifier implements TaskPipeline {
    /** Postprocessing types: the model gives logits (softmax them) or probabilities already. */
    public static final String SOFTMAX = "softmax";
    public static final String PROBABILITIES = "probabilities";

    private final TabularEncoder encoder;
    private final String outputName;
    private final List<String> labels;
    private final boolean softmax;

    public TabularClassifier(Manifest manifest) {
        this.encoder = TabularEncoder.fromConfig(manifest.preprocessing());
        this.outputName = manifest.outputs().get(0).name();
        this.labels = manifest.labels();
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("bundle '" + manifest.id() + "' needs labels for tabular classification");
        }
        String post = manifest.postprocessing().string("type");
        if (!SOFTMAX.equals(post) && !PROBABILITIES.equals(post)) {
            throw new IllegalArgumentException("postprocessing: expected type '" + SOFTMAX + "' or '" + PROBABILITIES
                    + "', found '" + post + "'");
        }
        this.softmax = SOFTMAX.equals(post);
    }

    public TabularEncoder encoder() {
        return encoder;
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        float[] vector = encoder.encode(input.features());
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(encoder.inputName(), Tensor.ofFloats(new int[] {1, vector.length}, vector));
        return new Prepared(feeds);
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        return DigitClassifier.toJson(classify(outputs));
    }

    /** Scores of the one record in the batch, best first. */
    public List<LabelScore> classify(Map<String, Tensor> outputs) {
        Tensor scores = outputs.get(outputName);
        if (scores == null) {
            throw new IllegalStateException("model gave no output named '" + outputName + "'");
        }
        int classes = scores.dim(scores.rank() - 1);
        if (classes != labels.size()) {
            throw new IllegalStateException("expected " + labels.size() + " scores, found " + classes);
        }
        float[] values = scores.floats();
        double[] p;
        if (softmax) {
            p = Softmax.of(values, 0, classes);
        } else {
            p = new double[classes];
            for (int i = 0; i < classes; i++) {
                p[i] = values[i];
            }
        }
        return LabelScore.ranked(labels, p);
    }
}
