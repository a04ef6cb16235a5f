package io.tandem.pipeline.drift;

import io.tandem.pipeline.bundle.ReferenceStats;
import io.tandem.pipeline.task.Prepared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live inputs counted into the reference's bins: what a browser that opted in aggregates between
 * reports, and what tests compare with. Holds counts only; the inputs are measured and dropped.
 */
public final class LiveHistograms {
    private final InputStatistics statistics;
    private final List<String> names = new ArrayList<>();
    private final List<Histogram> histograms = new ArrayList<>();
    /** Index into {@code statistics.measure(…)} for each tracked feature. */
    private final int[] positions;
    private long samples;

    /** Tracks the features both the statistics and the reference have. */
    public LiveHistograms(InputStatistics statistics, ReferenceStats reference) {
        this.statistics = statistics;
        List<Feature> features = statistics.features();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            ReferenceStats.Feature ref = reference.feature(features.get(i).name());
            if (ref != null) {
                names.add(ref.name());
                histograms.add(new Histogram(ref.bins()));
                positions.add(i);
            }
        }
        this.positions = new int[positions.size()];
        for (int i = 0; i < this.positions.length; i++) {
            this.positions[i] = positions.get(i);
        }
    }

    public boolean isEmpty() {
        return histograms.isEmpty();
    }

    public void add(Prepared prepared) {
        addMeasured(measure(prepared));
    }

    /**
     * The input's statistics, to count later with {@link #addMeasured}: the browser measures the
     * tensors before ONNX Runtime Web's worker takes their buffers, and counts once the prediction
     * succeeded.
     */
    public double[] measure(Prepared prepared) {
        return statistics.measure(prepared);
    }

    public void addMeasured(double[] measured) {
        for (int i = 0; i < positions.length; i++) {
            histograms.get(i).add(measured[positions[i]]);
        }
        samples++;
    }

    public long samples() {
        return samples;
    }

    public List<String> names() {
        return new ArrayList<>(names);
    }

    public Histogram histogram(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no live histogram for feature '" + name + "'");
        }
        return histograms.get(i);
    }

    public void clear() {
        for (Histogram h : histograms) {
            h.clear();
        }
        samples = 0;
    }

    /**
     * The body of a drift report: {@code {"modelVersion", "samples", "features": [{"name", "bins",
     * "counts"}]}} — counts and the bin edges they were counted in, nothing about any single input.
     */
    public Map<String, Object> report(String modelVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modelVersion", modelVersion);
        m.put("samples", samples);
        List<Object> features = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", names.get(i));
            List<Object> bins = new ArrayList<>();
            for (double e : histograms.get(i).edges()) {
                bins.add(e);
            }
            f.put("bins", bins);
            List<Object> counts = new ArrayList<>();
            for (long c : histograms.get(i).counts()) {
                counts.add(c);
            }
            f.put("counts", counts);
            features.add(f);
        }
        m.put("features", features);
        return m;
    }
}
