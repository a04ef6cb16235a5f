package io.tandem.pipeline.bundle;

import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.tensor.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model input or output: name, element type and shape, where a dimension is a number or a
 * symbolic name such as {@code "batch"} or {@code "sequence"}.
 */
public final class TensorSpec {
    private final String name;
    private final DType dtype;
    private final List<Object> dims;

    public TensorSpec(String name, DType dtype, List<Object> dims) {
        this.name = name;
        this.dtype = dtype;
        this.dims = new ArrayList<>(dims);
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** Each entry is a {@code Long} (fixed) or a {@code String} (symbolic). */
    public List<Object> dims() {
        return new ArrayList<>(dims);
    }

    static TensorSpec fromJson(JsonObject o) {
        return new TensorSpec(o.string("name"), DType.fromWireName(o.string("dtype")), o.array("shape"));
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", dtype.wireName());
        m.put("shape", new ArrayList<>(dims));
        return m;
    }

    @Override
    public String toString() {
        return name + ":" + dtype.wireName() + dims;
    }
}
