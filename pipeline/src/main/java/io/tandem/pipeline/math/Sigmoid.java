package io.tandem.pipeline.math;

/**
 * Independent probabilities from logits, one per element (multi-label classification), computed in
 * double without overflow: for x ≥ 0 as 1 / (1 + e^-x), else as e^x / (1 + e^x), so that e^|x| is
 * never formed and ±1000 give exactly 1 and 0.
 *
 * <p>Parity: like {@link Softmax}, this uses {@code Math.exp}, which neither Java nor JavaScript
 * rounds correctly, so the JVM and TeaVM's JavaScript may differ in the last bits of a result.
 * That is acceptable where it is used, after the model, on outputs that are compared within a
 * tolerance and never bit for bit (see docs/parity.md, "Floats"); everything before the model
 * stays in correctly rounded arithmetic.
 */
public final class Sigmoid {
    private Sigmoid() {
    }

    /** σ(x) = 1 / (1 + e^-x); σ(0) = 0.5, NaN stays NaN. */
    public static double of(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x); // also for NaN, which fails x >= 0 and gives NaN here
        return e / (1.0 + e);
    }

    public static double[] of(float[] logits, int offset, int length) {
        double[] p = new double[length];
        for (int i = 0; i < length; i++) {
            p[i] = of(logits[offset + i]);
        }
        return p;
    }

    public static double[] of(float[] logits) {
        return of(logits, 0, logits.length);
    }
}
