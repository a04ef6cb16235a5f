package io.tandem.pipeline.bundle;

import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code models/<id>/manifest.json}: everything needed to run a model bundle the same way in the
 * browser and on the server. The converter writes it, the server and the client read it, all
 * through this one class.
 */
public final class Manifest {
    /** Bumped on incompatible changes; readers refuse a schema they do not know. */
    public static final int SCHEMA = 1;

    private final String id;
    private final String version;
    private final String title;
    private final TaskType task;
    private final Map<String, Object> provenance;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final JsonObject preprocessing;
    private final JsonObject postprocessing;
    private final List<String> labels;
    private final List<BundleFile> files;
    private final List<Variant> variants;
    /** Input statistics over the validation samples, for drift; null in bundles made before it. */
    private final ReferenceStats reference;

    private Manifest(Builder b) {
        this.id = require(b.id, "id");
        this.version = require(b.version, "version");
        this.title = b.title == null ? b.id : b.title;
        this.task = require(b.task, "task");
        this.provenance = new LinkedHashMap<>(b.provenance);
        this.inputs = new ArrayList<>(b.inputs);
        this.outputs = new ArrayList<>(b.outputs);
        this.preprocessing = new JsonObject(new LinkedHashMap<>(b.preprocessing), "preprocessing");
        this.postprocessing = new JsonObject(new LinkedHashMap<>(b.postprocessing), "postprocessing");
        this.labels = new ArrayList<>(b.labels);
        this.files = new ArrayList<>(b.files);
        this.variants = new ArrayList<>(b.variants);
        this.reference = b.reference;
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("manifest '" + id + "' has no variants");
        }
        // The tokenizer reads its vocabulary through this name: the same rule as every listed file.
        Object vocab = b.preprocessing.get("vocab");
        if (vocab instanceof String && BundleFile.pathProblem((String) vocab) != null) {
            throw new IllegalArgumentException("manifest '" + id + "': preprocessing.vocab '" + vocab + "' refused: "
                    + BundleFile.pathProblem((String) vocab));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Manifest parse(String json) {
        JsonObject o = JsonObject.parse(json, "manifest");
        long schema = o.integer("schema");
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("manifest schema " + schema + " is not supported (expected " + SCHEMA + ")");
        }
        Builder b = builder()
                .id(o.string("id"))
                .version(o.string("version"))
                .title(o.string("title", null))
                .task(Tasks.task(o.string("task")))
                .preprocessing(o.object("preprocessing").raw())
                .postprocessing(o.object("postprocessing").raw());
        if (o.has("provenance")) {
            b.provenance(o.object("provenance").raw());
        }
        for (JsonObject t : o.objects("inputs")) {
            b.input(TensorSpec.fromJson(t));
        }
        for (JsonObject t : o.objects("outputs")) {
            b.output(TensorSpec.fromJson(t));
        }
        if (o.has("labels")) {
            b.labels(o.strings("labels"));
        }
        if (o.has("files")) {
            for (JsonObject f : o.objects("files")) {
                b.file(BundleFile.fromJson(f));
            }
        }
        for (JsonObject v : o.objects("variants")) {
            b.variant(Variant.fromJson(v));
        }
        if (o.has("reference")) {
            b.reference(ReferenceStats.fromJson(o.object("reference")));
        }
        return b.build();
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", (long) SCHEMA);
        m.put("id", id);
        m.put("version", version);
        m.put("title", title);
        m.put("task", task.wireName());
        m.put("provenance", new LinkedHashMap<>(provenance));
        m.put("inputs", specsToJson(inputs));
        m.put("outputs", specsToJson(outputs));
        m.put("preprocessing", new LinkedHashMap<>(preprocessing.raw()));
        m.put("postprocessing", new LinkedHashMap<>(postprocessing.raw()));
        if (!labels.isEmpty()) {
            m.put("labels", new ArrayList<Object>(labels));
        }
        List<Object> fileList = new ArrayList<>();
        for (BundleFile f : files) {
            fileList.add(f.toJson());
        }
        m.put("files", fileList);
        List<Object> variantList = new ArrayList<>();
        for (Variant v : variants) {
            variantList.add(v.toJson());
        }
        m.put("variants", variantList);
        if (reference != null) {
            m.put("reference", reference.toJson());
        }
        return Json.write(m) + "\n";
    }

    private static List<Object> specsToJson(List<TensorSpec> specs) {
        List<Object> out = new ArrayList<>();
        for (TensorSpec s : specs) {
            out.add(s.toJson());
        }
        return out;
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    public TaskType task() {
        return task;
    }

    public Map<String, Object> provenance() {
        return new LinkedHashMap<>(provenance);
    }

    public List<TensorSpec> inputs() {
        return new ArrayList<>(inputs);
    }

    public List<TensorSpec> outputs() {
        return new ArrayList<>(outputs);
    }

    public JsonObject preprocessing() {
        return preprocessing;
    }

    public JsonObject postprocessing() {
        return postprocessing;
    }

    public List<String> labels() {
        return new ArrayList<>(labels);
    }

    /** Files other than the model variants (vocabularies, label lists …). */
    public List<BundleFile> files() {
        return new ArrayList<>(files);
    }

    public BundleFile file(String path) {
        for (BundleFile f : files) {
            if (f.path().equals(path)) {
                return f;
            }
        }
        throw new IllegalArgumentException("bundle '" + id + "' has no file '" + path + "'");
    }

    public List<Variant> variants() {
        return new ArrayList<>(variants);
    }

    public Variant variant(String name) {
        for (Variant v : variants) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("bundle '" + id + "' has no variant '" + name + "'");
    }

    /** The first variant meant for the device; manifests list variants best first. */
    public Variant variantFor(String device) {
        for (Variant v : variants) {
            if (v.supports(device)) {
                return v;
            }
        }
        throw new IllegalArgumentException("bundle '" + id + "' has no variant for device '" + device + "'");
    }

    /** The reference input statistics for drift, or null when the bundle has none. */
    public ReferenceStats reference() {
        return reference;
    }

    public Builder toBuilder() {
        Builder b = builder().id(id).version(version).title(title).task(task).provenance(provenance)
                .preprocessing(preprocessing.raw()).postprocessing(postprocessing.raw()).labels(labels);
        inputs.forEach(b::input);
        outputs.forEach(b::output);
        files.forEach(b::file);
        variants.forEach(b::variant);
        b.reference(reference);
        return b;
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("manifest: missing field '" + field + "'");
        }
        return value;
    }

    /** Builds a manifest; the converter fills it field by field. */
    public static final class Builder {
        private String id;
        private String version;
        private String title;
        private TaskType task;
        private Map<String, Object> provenance = new LinkedHashMap<>();
        private final List<TensorSpec> inputs = new ArrayList<>();
        private final List<TensorSpec> outputs = new ArrayList<>();
        private Map<String, Object> preprocessing = new LinkedHashMap<>();
        private Map<String, Object> postprocessing = new LinkedHashMap<>();
        private List<String> labels = new ArrayList<>();
        private final List<BundleFile> files = new ArrayList<>();
        private final List<Variant> variants = new ArrayList<>();
        private ReferenceStats reference;

        public Builder id(String id) { this.id = id; return this; }
        public Builder version(String version) { this.version = version; return this; }
        public Builder title(String title) { this.title = title; return this; }
        public Builder task(TaskType task) { this.task = task; return this; }
        public Builder provenance(Map<String, Object> p) { this.provenance = new LinkedHashMap<>(p); return this; }
        public Builder input(TensorSpec s) { inputs.add(s); return this; }
        public Builder output(TensorSpec s) { outputs.add(s); return this; }
        public Builder preprocessing(Map<String, Object> p) { this.preprocessing = new LinkedHashMap<>(p); return this; }
        public Builder postprocessing(Map<String, Object> p) { this.postprocessing = new LinkedHashMap<>(p); return this; }
        public Builder labels(List<String> l) { this.labels = new ArrayList<>(l); return this; }
        public Builder file(BundleFile f) { files.add(f); return this; }
        public Builder variant(Variant v) { variants.add(v); return this; }
        public Builder clearVariants() { variants.clear(); return this; }
        public Builder reference(ReferenceStats r) { this.reference = r; return this; }

        public Manifest build() {
            return new Manifest(this);
        }
    }
}
