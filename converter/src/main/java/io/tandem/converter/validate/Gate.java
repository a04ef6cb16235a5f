package io.tandem.converter.validate;

import io.tandem.pipeline.bundle.Task;

import java.util.Locale;

/**
 * The accuracy a variant must keep against fp32 to enter a bundle, per task: embeddings by the
 * worst cosine over the corpus (one bad sentence is a bad search result), classifiers by how often
 * the top class agrees.
 */
public record Gate(double minCosine, double minTop1Agreement) {
    public static final double DEFAULT_MIN_COSINE = 0.99;
    public static final double DEFAULT_MIN_TOP1 = 0.99;

    public static Gate defaults() {
        return new Gate(DEFAULT_MIN_COSINE, DEFAULT_MIN_TOP1);
    }

    /** null when the figures pass; otherwise one line saying which figure and by how much. */
    public String refusal(String variant, Comparison.Figures f) {
        return refusal(variant, f, null);
    }

    /** The same, naming the engine (and its CPU) the figures came from. */
    public String refusal(String variant, Comparison.Figures f, io.tandem.converter.engine.MeasuredOn on) {
        String where = on == null ? "" : " on " + on.describe();
        if (f.task() == Task.TEXT_EMBEDDING && f.minCosine() < minCosine) {
            // Five decimals: a variant 0.00003 short must not read "0.9900 is 0.0000 below the gate 0.9900".
            return String.format(Locale.ROOT, "variant %s refused%s: minCosine %.5f is %.5f below the gate %.4f (--min-cosine) over %d inputs",
                    variant, where, f.minCosine(), minCosine - f.minCosine(), minCosine, f.samples());
        }
        if (f.task() == Task.IMAGE_CLASSIFICATION && f.top1Agreement() < minTop1Agreement) {
            return String.format(Locale.ROOT, "variant %s refused%s: top1Agreement %.4f is %.4f below the gate %.4f (--min-top1) over %d inputs",
                    variant, where, f.top1Agreement(), minTop1Agreement - f.top1Agreement(), minTop1Agreement, f.samples());
        }
        return null;
    }
}
