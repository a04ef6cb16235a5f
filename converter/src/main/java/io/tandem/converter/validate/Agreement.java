package io.tandem.converter.validate;

import java.util.Arrays;

/** How close a variant's outputs are to fp32's: small pure functions over plain arrays. */
public final class Agreement {
    private Agreement() {
    }

    /** Cosine similarity; two zero vectors count as identical (1), one zero vector as unrelated (0). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("expected vectors of one length, found " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 && nb == 0) {
            return 1;
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot / Math.sqrt(na * nb);
    }

    public static int argmax(float[] v) {
        return argmax(v, 0, v.length);
    }

    /** The index (from {@code start}) of the largest of {@code length} values; the first of equals. */
    public static int argmax(float[] v, int start, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (v[start + i] > v[start + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Largest absolute difference between two probability vectors. */
    public static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** Median of the values (mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Rounds down to {@code digits} decimals: a reported minimum never looks better than measured. */
    public static double floor(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.floor(v * f) / f;
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
