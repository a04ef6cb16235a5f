package io.tandem.bench.scale;

import java.util.Arrays;

/** Latencies of one measurement in milliseconds, and their nearest-rank percentiles. */
record Latencies(double[] sortedMs) {
    static Latencies of(double[] ms) {
        double[] copy = ms.clone();
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    int count() {
        return sortedMs.length;
    }

    /** Nearest rank: the smallest value with at least {@code p} of them at or below it; NaN if empty. */
    double percentile(double p) {
        if (sortedMs.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedMs.length);
        return sortedMs[Math.max(0, Math.min(sortedMs.length, rank) - 1)];
    }

    double p50() {
        return percentile(0.5);
    }

    double p99() {
        return percentile(0.99);
    }
}
