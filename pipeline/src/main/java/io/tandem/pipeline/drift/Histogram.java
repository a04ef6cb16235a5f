package io.tandem.pipeline.drift;

import java.util.Arrays;

/**
 * Counts of values in fixed bins. {@code k} ascending edges make {@code k + 1} bins, open at both
 * ends so every value has a bin: bin 0 holds {@code v < edges[0]}, bin {@code i} holds
 * {@code edges[i-1] <= v < edges[i]}, the last holds {@code v >= edges[k-1]}.
 */
public final class Histogram {
    private final double[] edges;
    private final long[] counts;

    public Histogram(double[] edges) {
        this(edges, new long[edges.length + 1]);
    }

    public Histogram(double[] edges, long[] counts) {
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("histogram edges must increase, found " + edges[i - 1] + " then " + edges[i]);
            }
        }
        if (counts.length != edges.length + 1) {
            throw new IllegalArgumentException(edges.length + " edges make " + (edges.length + 1) + " bins, found "
                    + counts.length + " counts");
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("histogram counts must not be negative, found " + c);
            }
        }
        this.edges = edges.clone();
        this.counts = counts.clone();
    }

    /** The bin a value falls in (NaN counts as the lowest bin). */
    public static int binOf(double[] edges, double value) {
        // Binary search for the first edge above the value: its index is the bin.
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (value >= edges[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public void add(double value) {
        counts[binOf(edges, value)]++;
    }

    public int bins() {
        return counts.length;
    }

    public double[] edges() {
        return edges.clone();
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public void clear() {
        Arrays.fill(counts, 0);
    }

    /** The counts as doubles, for {@link Psi}. */
    public double[] weights() {
        double[] w = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            w[i] = counts[i];
        }
        return w;
    }
}
