package io.tandem.pipeline.math;

/**
 * Probabilities from logits or log-probabilities, computed stably (max subtracted) in double.
 *
 * <p>Parity: {@code Math.exp} is not correctly rounded in Java nor in JavaScript, so the JVM and
 * TeaVM's JavaScript may differ in the last bits of a probability; softmax runs only after the
 * model, where predictions are compared within a tolerance (see docs/parity.md, "Floats").
 */
public final class Softmax {
    private Softmax() {
    }

    public static double[] of(float[] logits, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double[] p = new double[length];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            p[i] = Math.exp(logits[offset + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public static double[] of(float[] logits) {
        return of(logits, 0, logits.length);
    }
}
