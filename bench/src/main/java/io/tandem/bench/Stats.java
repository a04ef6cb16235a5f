package io.tandem.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and nearest-rank percentiles of a sample, in the sample's unit. */
public final class Stats {
    private Stats() {
    }

    public static double median(List<Double> values) {
        return percentile(values, 50);
    }

    public static double p95(List<Double> values) {
        return percentile(values, 95);
    }

    /** Nearest-rank percentile; NaN for an empty sample. */
    public static double percentile(List<Double> values, double p) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (p == 50 && sorted.size() % 2 == 0) {
            int mid = sorted.size() / 2;
            return (sorted.get(mid - 1) + sorted.get(mid)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
