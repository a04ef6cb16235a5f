package io.tandem.converter.validate;

import io.tandem.converter.engine.MeasuredOn;

import java.util.Locale;

/**
 * The accuracy a variant must keep against fp32 to enter a bundle, by output kind: embeddings by
 * the worst cosine over the corpus (one bad sentence is a bad search result), class scores by how
 * often the top class agrees (per token for token classification), values by their largest error
 * relative to the range of fp32's answers.
 */
public record Gate(double minCosine, double minTop1Agreement, double maxRelError) {
    public static final double DEFAULT_MIN_COSINE = 0.99;
    public static final double DEFAULT_MIN_TOP1 = 0.99;
    public static final double DEFAULT_MAX_REL_ERROR = 0.01;

    public static Gate defaults() {
        return new Gate(DEFAULT_MIN_COSINE, DEFAULT_MIN_TOP1, DEFAULT_MAX_REL_ERROR);
    }

    /** null when the figures pass; otherwise one line saying which figure and by how much. */
    public String refusal(String variant, Comparison.Figures f) {
        return refusal(variant, f, null);
    }

    /** The same, naming the engine (and its CPU) the figures came from. */
    public String refusal(String variant, Comparison.Figures f, MeasuredOn on) {
        String where = on == null ? "" : " on " + on.describe();
        switch (f.kind()) {
            case EMBEDDING:
                if (f.minCosine() < minCosine) {
                    // Five decimals: a variant 0.00003 short must not read "0.9900 is 0.0000 below the gate 0.9900".
                    return String.format(Locale.ROOT, "variant %s refused%s: minCosine %.5f is %.5f below the gate %.4f (--min-cosine) over %d inputs",
                            variant, where, f.minCosine(), minCosine - f.minCosine(), minCosine, f.samples());
                }
                return null;
            case CLASS_SCORES:
                if (f.top1Agreement() < minTop1Agreement) {
                    return String.format(Locale.ROOT, "variant %s refused%s: top1Agreement %.4f is %.4f below the gate %.4f (--min-top1) over %d inputs",
                            variant, where, f.top1Agreement(), minTop1Agreement - f.top1Agreement(), minTop1Agreement, f.samples());
                }
                return null;
            default:
                if (f.maxRelError() > maxRelError) {
                    return String.format(Locale.ROOT, "variant %s refused%s: maxRelError %.5f is %.5f above the gate %.4f (--max-rel-error) over %d inputs",
                            variant, where, f.maxRelError(), f.maxRelError() - maxRelError, maxRelError, f.samples());
                }
                return null;
        }
    }
}
