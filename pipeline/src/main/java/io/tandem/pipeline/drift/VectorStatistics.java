package io.tandem.pipeline.drift;

import io.tandem.pipeline.task.Prepared;

import java.util.ArrayList;
import java.util.List;

/**
 * Fallback for models fed a float feature vector ({@code [1, n]}): each feature's value is a
 * statistic of its own, named {@code <input>[i]}, binned by the reference's deciles. At most
 * {@link #MAX_FEATURES}, so a wide input cannot blow up the manifest or the metrics.
 */
public final class VectorStatistics implements InputStatistics {
    public static final int MAX_FEATURES = 32;

    private final String input;
    private final List<Feature> features = new ArrayList<>();

    public VectorStatistics(String input, int width) {
        this.input = input;
        for (int i = 0; i < Math.min(width, MAX_FEATURES); i++) {
            features.add(Feature.deciles(input + "[" + i + "]"));
        }
    }

    /**
     * @param columns each vector position's name (a tabular model's encoded columns, e.g.
     *                {@code island=Dream}), so a drift report names what moved
     */
    public VectorStatistics(String input, List<String> columns) {
        this.input = input;
        for (int i = 0; i < Math.min(columns.size(), MAX_FEATURES); i++) {
            features.add(Feature.deciles(columns.get(i)));
        }
    }

    @Override
    public List<Feature> features() {
        return features;
    }

    @Override
    public double[] measure(Prepared prepared) {
        float[] values = prepared.feed(input).floats();
        double[] out = new double[features.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = i < values.length ? values[i] : 0;
        }
        return out;
    }
}
