package io.tandem.pipeline.math;

/**
 * Pooling and normalisation of model outputs. Sums run in double and each result is rounded to
 * float once, so the browser (TeaVM JavaScript, float64 intermediates) and the JVM give the same
 * bits for the same model output.
 */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Mean of the token vectors whose attention mask is 1.
     *
     * @param hidden row-major [sequence, dim] values of one sentence
     * @param mask   attention mask of length sequence; positions with 0 are padding and ignored
     */
    public static double[] maskedMeanPool(float[] hidden, int sequence, int dim, long[] mask) {
        return maskedMeanPool(hidden, 0, sequence, dim, mask, 0);
    }

    /** As {@link #maskedMeanPool(float[], int, int, long[])}, reading row {@code offset} of a batch. */
    public static double[] maskedMeanPool(float[] hidden, int hiddenOffset, int sequence, int dim, long[] mask, int maskOffset) {
        double[] sum = new double[dim];
        double count = 0;
        for (int t = 0; t < sequence; t++) {
            if (mask[maskOffset + t] == 0) {
                continue;
            }
            count++;
            int row = hiddenOffset + t * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[row + d];
            }
        }
        if (count > 0) {
            for (int d = 0; d < dim; d++) {
                sum[d] /= count;
            }
        }
        return sum;
    }

    /** v / max(‖v‖₂, eps), rounded to float; eps keeps an all-zero vector finite (as PyTorch does). */
    public static float[] l2Normalise(double[] v) {
        double sq = 0;
        for (double x : v) {
            sq += x * x;
        }
        double norm = Math.max(Math.sqrt(sq), 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    public static double cosine(float[] a, float[] b) {
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot(a, b) / (na * nb);
    }
}
