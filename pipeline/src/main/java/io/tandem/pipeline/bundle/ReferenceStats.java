package io.tandem.pipeline.bundle;

import io.tandem.pipeline.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest's optional {@code reference} block: histograms of the input statistics over the
 * sample set the converter validated the bundle with, the baseline live inputs are compared to
 * for drift. {@code {"samples": n, "features": [{"name", "bins": [edges], "counts": [...]}]}};
 * {@code k} edges make {@code k + 1} counts (see {@code drift.Histogram}).
 */
public final class ReferenceStats {
    private final long samples;
    private final List<Feature> features;

    public ReferenceStats(long samples, List<Feature> features) {
        this.samples = samples;
        this.features = new ArrayList<>(features);
    }

    public long samples() {
        return samples;
    }

    public List<Feature> features() {
        return new ArrayList<>(features);
    }

    /** The feature of that name, or null. */
    public Feature feature(String name) {
        for (Feature f : features) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    static ReferenceStats fromJson(JsonObject o) {
        List<Feature> features = new ArrayList<>();
        for (JsonObject f : o.objects("features")) {
            double[] bins = numbers(f.array("bins"), f, "bins");
            double[] countValues = numbers(f.array("counts"), f, "counts");
            long[] counts = new long[countValues.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = (long) countValues[i];
            }
            if (counts.length != bins.length + 1) {
                throw new IllegalArgumentException("reference feature '" + f.string("name") + "': " + bins.length
                        + " bins edges need " + (bins.length + 1) + " counts, found " + counts.length);
            }
            features.add(new Feature(f.string("name"), bins, counts));
        }
        return new ReferenceStats(o.integer("samples"), features);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        List<Object> list = new ArrayList<>();
        for (Feature f : features) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            List<Object> bins = new ArrayList<>();
            for (double b : f.bins) {
                bins.add(b);
            }
            fm.put("bins", bins);
            List<Object> counts = new ArrayList<>();
            for (long c : f.counts) {
                counts.add(c);
            }
            fm.put("counts", counts);
            list.add(fm);
        }
        m.put("features", list);
        return m;
    }

    private static double[] numbers(List<Object> values, JsonObject where, String field) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("reference feature '" + where.string("name") + "': " + field + " must hold numbers");
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceStats && toJson().equals(((ReferenceStats) o).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /** One statistic's reference histogram. */
    public static final class Feature {
        private final String name;
        private final double[] bins;
        private final long[] counts;

        public Feature(String name, double[] bins, long[] counts) {
            this.name = name;
            this.bins = bins.clone();
            this.counts = counts.clone();
        }

        public String name() {
            return name;
        }

        /** The bin edges, ascending. */
        public double[] bins() {
            return bins.clone();
        }

        public long[] counts() {
            return counts.clone();
        }
    }
}
