package io.tandem.converter.validate;

import io.tandem.converter.Progress;
import io.tandem.converter.engine.ModelRunner;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a variant and the fp32 reference on the same prepared inputs and says how far apart their
 * results are — the results users get, from the bundle's own postprocessing — in the terms of the
 * task's output kind: cosine of embeddings; top-1 agreement per row (a classifier's one row, a
 * token classifier's row per token) and the largest probability difference of class scores; the
 * largest difference of values, relative to the reference's range. Also records the variant's
 * latency per input.
 */
public final class Comparison {
    /** How results of one bundle are compared: its output kind, and for class scores the row width. */
    public record Scoring(OutputKind kind, int rowWidth) {
        public static Scoring of(Manifest manifest) {
            return new Scoring(manifest.task().outputKind(), Math.max(1, manifest.labels().size()));
        }
    }

    /**
     * The figures for one variant; those its output kind does not have are NaN. Latencies are per
     * input in ms (not kept in manifests).
     */
    public record Figures(OutputKind kind, int samples, double minCosine, double meanCosine, double top1Agreement,
            double maxProbError, double maxRelError, double[] latenciesMs) {
        public double medianLatencyMs() {
            return Agreement.median(latenciesMs);
        }
    }

    private Comparison() {
    }

    /** The model's results on every sample; {@code latencies}, when given, receives each run's ms. */
    public static List<float[]> results(TaskPipeline pipeline, ModelRunner model, List<Prepared> samples,
            double[] latencies, Progress progress, String label) {
        List<float[]> out = new ArrayList<>(samples.size());
        progress.startCounting(label, samples.size(), "inputs");
        for (int i = 0; i < samples.size(); i++) {
            Prepared p = samples.get(i);
            Map<String, Tensor> outputs = model.run(p.feeds());
            if (latencies != null) {
                latencies[i] = model.lastMillis();
            }
            out.add(pipeline.comparable(p, outputs));
            progress.advance(1);
        }
        progress.finish();
        return out;
    }

    public static Figures compare(Scoring scoring, List<float[]> reference, List<float[]> variant, double[] latencies) {
        int n = reference.size();
        double nan = Double.NaN;
        switch (scoring.kind()) {
            case EMBEDDING: {
                double min = 1;
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double c = Agreement.cosine(reference.get(i), variant.get(i));
                    min = Math.min(min, c);
                    sum += c;
                }
                return new Figures(scoring.kind(), n, min, sum / n, nan, nan, nan, latencies);
            }
            case CLASS_SCORES: {
                long rows = 0;
                long agree = 0;
                double maxErr = 0;
                for (int i = 0; i < n; i++) {
                    float[] r = reference.get(i);
                    float[] v = variant.get(i);
                    for (int start = 0; start + scoring.rowWidth() <= r.length; start += scoring.rowWidth()) {
                        rows++;
                        agree += Agreement.argmax(r, start, scoring.rowWidth()) == Agreement.argmax(v, start, scoring.rowWidth()) ? 1 : 0;
                    }
                    maxErr = Math.max(maxErr, Agreement.maxAbsDiff(r, v));
                }
                return new Figures(scoring.kind(), n, nan, nan, rows == 0 ? 1 : (double) agree / rows, maxErr, nan, latencies);
            }
            default: {
                double maxErr = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    float[] r = reference.get(i);
                    maxErr = Math.max(maxErr, Agreement.maxAbsDiff(r, variant.get(i)));
                    for (float x : r) {
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                }
                // Relative to the spread of fp32's answers: an error of 2 g on penguin masses of 3-6 kg is nothing.
                double range = hi > lo ? hi - lo : Math.max(1e-12, Math.abs(hi));
                return new Figures(scoring.kind(), n, nan, nan, nan, nan, maxErr / range, latencies);
            }
        }
    }
}
