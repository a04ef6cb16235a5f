package io.tandem.pipeline.tabular;

import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record of named features → the model's float vector, by the manifest's {@code preprocessing}
 * block (schema in {@code package-info}). The converter trains with this class and the browser and
 * the server predict with it, so the three cannot encode a record differently.
 */
public final class TabularEncoder {
    public static final String TYPE = "tabular";

    private final String inputName;
    private final List<FeatureEncoder> features;
    private final int width;

    public TabularEncoder(String inputName, List<FeatureEncoder> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("preprocessing: a tabular model needs at least one feature");
        }
        int w = 0;
        for (int i = 0; i < features.size(); i++) {
            String name = features.get(i).name();
            for (int j = 0; j < i; j++) {
                if (features.get(j).name().equals(name)) {
                    throw new IllegalArgumentException("preprocessing: feature '" + name + "' is listed twice");
                }
            }
            w += features.get(i).width();
        }
        this.inputName = inputName;
        this.features = new ArrayList<>(features);
        this.width = w;
    }

    /** Reads the manifest's {@code preprocessing} block. */
    public static TabularEncoder fromConfig(JsonObject pre) {
        String type = pre.string("type");
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("preprocessing: expected type '" + TYPE + "', found '" + type + "'");
        }
        List<FeatureEncoder> features = new ArrayList<>();
        for (JsonObject f : pre.objects("features")) {
            features.add(feature(f));
        }
        return new TabularEncoder(pre.string("input"), features);
    }

    private static FeatureEncoder feature(JsonObject f) {
        String name = f.string("name");
        String kind = f.string("kind");
        if (NumericFeature.KIND.equals(kind)) {
            expectMissing(f, name, NumericFeature.MISSING_MEAN);
            return new NumericFeature(name, f.number("mean"), f.number("std"));
        }
        if (CategoricalFeature.KIND.equals(kind)) {
            expectMissing(f, name, CategoricalFeature.MISSING_ALL_ZERO);
            return new CategoricalFeature(name, f.strings("categories"));
        }
        throw new IllegalArgumentException("preprocessing: feature '" + name + "': unknown kind '" + kind
                + "' (known: " + NumericFeature.KIND + ", " + CategoricalFeature.KIND + ")");
    }

    private static void expectMissing(JsonObject f, String name, String policy) {
        String missing = f.string("missing", policy);
        if (!policy.equals(missing)) {
            throw new IllegalArgumentException("preprocessing: feature '" + name + "': expected missing '" + policy
                    + "', found '" + missing + "'");
        }
    }

    /** The preprocessing block this encoder reads back from. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("input", inputName);
        List<Object> list = new ArrayList<>();
        for (FeatureEncoder f : features) {
            list.add(f.toJson());
        }
        m.put("features", list);
        return m;
    }

    public String inputName() {
        return inputName;
    }

    public List<FeatureEncoder> features() {
        return new ArrayList<>(features);
    }

    /** Length of the vector. */
    public int width() {
        return width;
    }

    /** Every column's name, in vector order. */
    public List<String> columns() {
        List<String> out = new ArrayList<>(width);
        for (FeatureEncoder f : features) {
            out.addAll(f.columns());
        }
        return out;
    }

    /**
     * @param record feature name → value (a number, a string, or null for missing); features it
     *               leaves out are missing
     * @throws InvalidInputException for a feature the model does not have or a value it cannot use
     */
    public float[] encode(Map<String, Object> record) {
        for (String key : record.keySet()) {
            if (find(key) == null) {
                throw new InvalidInputException("unknown feature '" + key + "' (known: " + String.join(", ", names()) + ")");
            }
        }
        float[] out = new float[width];
        int offset = 0;
        for (FeatureEncoder f : features) {
            f.encode(record.get(f.name()), out, offset);
            offset += f.width();
        }
        return out;
    }

    private FeatureEncoder find(String name) {
        for (FeatureEncoder f : features) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private List<String> names() {
        List<String> out = new ArrayList<>(features.size());
        for (FeatureEncoder f : features) {
            out.add(f.name());
        }
        return out;
    }
}
