package io.tandem.converter.validate;

import io.tandem.converter.Progress;
import io.tandem.pipeline.bundle.Task;
import io.tandem.pipeline.math.Softmax;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.SentenceEmbedder;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Runs a variant and the fp32 reference on the same prepared inputs and says how far apart they
 * are, in the terms of the task: cosine of the final (pooled, normalised) embeddings, or top-1
 * agreement and probability error of classifiers. Also records the variant's latency per input.
 */
public final class Comparison {
    /** The figures for one variant; latencies are per input in ms (not kept in manifests). */
    public record Figures(Task task, int samples, double minCosine, double meanCosine, double top1Agreement,
            double maxProbError, double[] latenciesMs) {
        public double medianLatencyMs() {
            return Agreement.median(latenciesMs);
        }
    }

    private Comparison() {
    }

    /** The model's results on every sample; {@code latencies}, when given, receives each run's ms. */
    public static List<float[]> results(Task task, TaskPipeline pipeline, io.tandem.converter.engine.ModelRunner model, List<Prepared> samples,
            double[] latencies, Progress progress, String label) {
        List<float[]> out = new java.util.ArrayList<>(samples.size());
        progress.startCounting(label, samples.size(), "inputs");
        for (int i = 0; i < samples.size(); i++) {
            Prepared p = samples.get(i);
            Map<String, Tensor> outputs = model.run(p.feeds());
            if (latencies != null) {
                latencies[i] = model.lastMillis();
            }
            out.add(result(task, pipeline, p, outputs));
            progress.advance(1);
        }
        progress.finish();
        return out;
    }

    public static Figures compare(Task task, List<float[]> reference, List<float[]> variant, double[] latencies) {
        int n = reference.size();
        double min = 1;
        double sum = 0;
        int agree = 0;
        double maxErr = 0;
        for (int i = 0; i < n; i++) {
            float[] r = reference.get(i);
            float[] v = variant.get(i);
            if (task == Task.TEXT_EMBEDDING) {
                double c = Agreement.cosine(r, v);
                min = Math.min(min, c);
                sum += c;
            } else {
                agree += Agreement.argmax(r) == Agreement.argmax(v) ? 1 : 0;
                maxErr = Math.max(maxErr, Agreement.maxAbsDiff(r, v));
            }
        }
        return task == Task.TEXT_EMBEDDING
                ? new Figures(task, n, min, sum / n, Double.NaN, Double.NaN, latencies)
                : new Figures(task, n, Double.NaN, Double.NaN, (double) agree / n, maxErr, latencies);
    }

    /** What users get from one input: the embedding, or the class probabilities. */
    static float[] result(Task task, TaskPipeline pipeline, Prepared p, Map<String, Tensor> outputs) {
        if (task == Task.TEXT_EMBEDDING) {
            return ((SentenceEmbedder) pipeline).embed(p, outputs);
        }
        Tensor scores = outputs.values().iterator().next();
        int classes = scores.dim(scores.rank() - 1);
        // softmax(log p) = p: the same rule the pipeline applies to logits or log-probabilities.
        double[] probs = Softmax.of(scores.floats(), 0, classes);
        float[] out = new float[classes];
        for (int i = 0; i < classes; i++) {
            out[i] = (float) probs[i];
        }
        return out;
    }
}
