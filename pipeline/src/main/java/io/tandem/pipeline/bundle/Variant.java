package io.tandem.pipeline.bundle;

import io.tandem.pipeline.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One runnable form of the model (fp32, int8, fp16 …): its file and the execution providers it is
 * meant for. {@code metrics} holds what validation measured against fp32 (free-form numbers, with
 * where they were measured); {@code weightRange}, for int8, the integer range of its weights
 * ({@code full}, {@code 7bit} or {@code u8}: the latter two are exact on x86 CPUs without VNNI).
 */
public final class Variant {
    private final String name;
    private final String precision;
    private final BundleFile file;
    private final List<String> devices;
    private final Map<String, Object> metrics;
    private final String weightRange;

    public Variant(String name, String precision, BundleFile file, List<String> devices, Map<String, Object> metrics) {
        this(name, precision, file, devices, metrics, null);
    }

    public Variant(String name, String precision, BundleFile file, List<String> devices, Map<String, Object> metrics,
            String weightRange) {
        this.weightRange = weightRange;
        this.name = name;
        this.precision = precision;
        this.file = file;
        this.devices = new ArrayList<>(devices);
        this.metrics = new LinkedHashMap<>(metrics);
    }

    public String name() {
        return name;
    }

    public String precision() {
        return precision;
    }

    public BundleFile file() {
        return file;
    }

    /** Devices this variant is meant for: {@code wasm}, {@code webgpu}, {@code server}. */
    public List<String> devices() {
        return new ArrayList<>(devices);
    }

    public boolean supports(String device) {
        return devices.contains(device);
    }

    public Map<String, Object> metrics() {
        return new LinkedHashMap<>(metrics);
    }

    /** null when not recorded (not int8, or written before it was). */
    public String weightRange() {
        return weightRange;
    }

    /** The same variant with other metrics (validation keeps everything else). */
    public Variant withMetrics(Map<String, Object> newMetrics) {
        return new Variant(name, precision, file, devices, newMetrics, weightRange);
    }

    static Variant fromJson(JsonObject o) {
        BundleFile file = new BundleFile(o.string("file"), o.integer("bytes"), o.string("sha256"));
        Map<String, Object> metrics = o.has("metrics") ? o.object("metrics").raw() : new LinkedHashMap<>();
        return new Variant(o.string("name"), o.string("precision"), file, o.strings("devices"), metrics,
                o.has("weightRange") ? o.string("weightRange") : null);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("precision", precision);
        m.put("file", file.path());
        m.put("bytes", file.bytes());
        m.put("sha256", file.sha256());
        m.put("devices", new ArrayList<Object>(devices));
        if (weightRange != null) {
            m.put("weightRange", weightRange);
        }
        if (!metrics.isEmpty()) {
            m.put("metrics", new LinkedHashMap<>(metrics));
        }
        return m;
    }
}
