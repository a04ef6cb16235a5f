package io.tandem.pipeline.tabular;

import io.tandem.pipeline.task.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A number, standardised: {@code (x - mean) / std}; a missing value becomes the mean, i.e. 0. */
public final class NumericFeature implements FeatureEncoder {
    public static final String KIND = "numeric";
    public static final String MISSING_MEAN = "mean";

    private final String name;
    private final double mean;
    private final double std;

    public NumericFeature(String name, double mean, double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("feature '" + name + "': std must be a positive number, found " + std);
        }
        if (Double.isNaN(mean) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("feature '" + name + "': mean must be a finite number, found " + mean);
        }
        this.name = name;
        this.mean = mean;
        this.std = std;
    }

    @Override
    public String name() {
        return name;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public List<String> columns() {
        List<String> out = new ArrayList<>(1);
        out.add(name);
        return out;
    }

    @Override
    public void encode(Object value, float[] out, int offset) {
        if (value == null) {
            out[offset] = 0f;
            return;
        }
        if (!(value instanceof Number)) {
            throw new InvalidInputException("feature '" + name + "' must be a number, got " + TypeNames.of(value));
        }
        double x = ((Number) value).doubleValue();
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new InvalidInputException("feature '" + name + "' must be a finite number, got " + x);
        }
        // In double, rounded to float once on the store: the same bits on the JVM and in TeaVM.
        out[offset] = (float) ((x - mean) / std);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", KIND);
        m.put("mean", mean);
        m.put("std", std);
        m.put("missing", MISSING_MEAN);
        return m;
    }
}
