package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.image.DigitPreprocessor;
import io.tandem.pipeline.math.LabelScore;
import io.tandem.pipeline.math.Softmax;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Image of a digit → class probabilities, for MNIST-style models. */
public final class DigitClassifier implements TaskPipeline {
    private final DigitPreprocessor preprocessor;
    private final String inputName;
    private final String outputName;
    private final List<String> labels;

    public DigitClassifier(Manifest manifest) {
        this.preprocessor = DigitPreprocessor.fromConfig(manifest.preprocessing());
        this.inputName = manifest.inputs().get(0).name();
        this.outputName = manifest.outputs().get(0).name();
        this.labels = manifest.labels();
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("bundle '" + manifest.id() + "' needs labels for image classification");
        }
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(inputName, preprocessor.toTensor(input.image()));
        return new Prepared(feeds);
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        return toJson(classify(outputs));
    }

    /** Scores of the one image in the batch; the model's outputs may be logits or log-probabilities. */
    public List<LabelScore> classify(Map<String, Tensor> outputs) {
        Tensor scores = outputs.get(outputName);
        if (scores == null) {
            throw new IllegalStateException("model gave no output named '" + outputName + "'");
        }
        int classes = scores.dim(scores.rank() - 1);
        if (classes != labels.size()) {
            throw new IllegalStateException("expected " + labels.size() + " scores, found " + classes);
        }
        // softmax(log p) = p, so one rule serves log-probabilities and raw logits alike.
        return LabelScore.ranked(labels, Softmax.of(scores.floats(), 0, classes));
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
