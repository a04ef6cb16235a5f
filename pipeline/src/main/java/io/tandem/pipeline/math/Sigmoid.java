package io.tandem.pipeline.math;

/**
 * Independent per-label probabilities (multi-label classification), in double and without
 * overflow: for x ≥ 0, 1 / (1 + e^−x); below, e^x / (1 + e^x), so e^|x| is never computed.
 */
public final class Sigmoid {
    private Sigmoid() {
    }

    public static double of(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    public static double[] of(float[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = of(logits[i]);
        }
        return p;
    }
}
