package io.tandem.pipeline.drift;

import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.task.Prepared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a bundle's reference histograms from the inputs it was validated with. */
public final class References {
    /** Deciles: ten reference bins (fewer when values repeat, e.g. many equal token counts). */
    static final int QUANTILE_BINS = 10;

    private References() {
    }

    public static ReferenceStats build(InputStatistics statistics, List<Prepared> samples) {
        List<Feature> features = statistics.features();
        double[][] values = new double[features.size()][samples.size()];
        for (int s = 0; s < samples.size(); s++) {
            double[] measured = statistics.measure(samples.get(s));
            for (int f = 0; f < features.size(); f++) {
                values[f][s] = measured[f];
            }
        }
        List<ReferenceStats.Feature> out = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            double[] fixed = features.get(f).fixedEdges();
            double[] edges = fixed != null ? fixed : quantileEdges(values[f], QUANTILE_BINS);
            Histogram h = new Histogram(edges);
            for (double v : values[f]) {
                h.add(v);
            }
            out.add(new ReferenceStats.Feature(features.get(f).name(), edges, h.counts()));
        }
        return new ReferenceStats(samples.size(), out);
    }

    /**
     * Inner edges that split the values into {@code bins} groups of about equal size, rounded to 4
     * significant digits (so a committed manifest does not change with the last bit of a float),
     * repeated edges dropped. Empty input gives no edges: one bin.
     */
    static double[] quantileEdges(double[] values, int bins) {
        if (values.length == 0) {
            return new double[0];
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] edges = new double[bins - 1];
        int n = 0;
        for (int k = 1; k < bins; k++) {
            double e = round4(sorted[Math.min(sorted.length - 1, (int) ((long) k * sorted.length / bins))]);
            // An edge at the minimum would leave bin 0 empty by construction: skip it.
            if (e > sorted[0] && (n == 0 || e > edges[n - 1])) {
                edges[n++] = e;
            }
        }
        return Arrays.copyOf(edges, n);
    }

    static double round4(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
