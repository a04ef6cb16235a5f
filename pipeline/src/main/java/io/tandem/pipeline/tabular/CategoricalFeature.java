package io.tandem.pipeline.tabular;

import io.tandem.pipeline.task.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A string from a fixed set, one-hot: one column per category; a missing value leaves all of them 0. */
public final class CategoricalFeature implements FeatureEncoder {
    public static final String KIND = "categorical";
    public static final String MISSING_ALL_ZERO = "all-zero";

    private final String name;
    private final List<String> categories;

    public CategoricalFeature(String name, List<String> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("feature '" + name + "' has no categories");
        }
        for (int i = 0; i < categories.size(); i++) {
            if (categories.indexOf(categories.get(i)) != i) {
                throw new IllegalArgumentException("feature '" + name + "' lists category '" + categories.get(i) + "' twice");
            }
        }
        this.name = name;
        this.categories = new ArrayList<>(categories);
    }

    @Override
    public String name() {
        return name;
    }

    public List<String> categories() {
        return new ArrayList<>(categories);
    }

    @Override
    public int width() {
        return categories.size();
    }

    @Override
    public List<String> columns() {
        List<String> out = new ArrayList<>(categories.size());
        for (String c : categories) {
            out.add(name + "=" + c);
        }
        return out;
    }

    @Override
    public void encode(Object value, float[] out, int offset) {
        for (int i = 0; i < categories.size(); i++) {
            out[offset + i] = 0f;
        }
        if (value == null) {
            return;
        }
        if (!(value instanceof String)) {
            throw new InvalidInputException("feature '" + name + "' must be one of " + categories + ", got " + TypeNames.of(value));
        }
        int index = categories.indexOf(value);
        if (index < 0) {
            throw new InvalidInputException("feature '" + name + "': unknown category '" + value + "' (known: "
                    + String.join(", ", categories) + ")");
        }
        out[offset + index] = 1f;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", KIND);
        m.put("categories", new ArrayList<Object>(categories));
        m.put("missing", MISSING_ALL_ZERO);
        return m;
    }
}
