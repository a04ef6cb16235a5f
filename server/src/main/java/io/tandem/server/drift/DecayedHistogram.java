package io.tandem.server.drift;

import io.tandem.pipeline.drift.Histogram;

/**
 * Live counts in fixed bins with bounded weight: once the counts add up to {@code capacity}, older
 * counts are scaled down to make room for new ones. For single samples this is an exponentially
 * decayed window of about {@code capacity} inputs; reports of many counts at once fit the same
 * way. Memory is one double per bin whatever the traffic. Not thread-safe (callers lock).
 */
final class DecayedHistogram {
    private final double[] edges;
    private final double[] counts;
    private final double capacity;

    DecayedHistogram(double[] edges, double capacity) {
        this.edges = edges.clone();
        this.counts = new double[edges.length + 1];
        this.capacity = capacity;
    }

    void add(double value) {
        makeRoom(1);
        counts[Histogram.binOf(edges, value)] += 1;
    }

    /** Adds counts made in the same bins (a browser's report); more than the capacity is scaled to fit. */
    void addCounts(long[] more) {
        double n = 0;
        for (long c : more) {
            n += c;
        }
        addCounts(more, n);
    }

    /**
     * Adds counts made in the same bins weighed as {@code weight} inputs in all (their shares kept):
     * a report is worth what its sender may still add, not what it claims.
     */
    void addCounts(long[] more, double weight) {
        double n = 0;
        for (long c : more) {
            n += c;
        }
        if (n <= 0 || weight <= 0) {
            return;
        }
        double w = Math.min(weight, capacity);
        double scale = w / n;
        makeRoom(w);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += more[i] * scale;
        }
    }

    private void makeRoom(double incoming) {
        double total = total();
        if (total + incoming > capacity && total > 0) {
            double keep = Math.max(0, capacity - incoming) / total;
            for (int i = 0; i < counts.length; i++) {
                counts[i] *= keep;
            }
        }
    }

    double total() {
        double t = 0;
        for (double c : counts) {
            t += c;
        }
        return t;
    }

    double[] counts() {
        return counts.clone();
    }

    double[] edges() {
        return edges.clone();
    }
}
