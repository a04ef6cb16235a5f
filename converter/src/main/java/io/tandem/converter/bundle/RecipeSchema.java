package io.tandem.converter.bundle;

import io.tandem.converter.quant.WeightRange;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.PreprocessorType;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.tensor.DType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * JSON Schemas (draft 2020-12) for recipe.json and manifest.json, generated from the task registry:
 * the {@code task} enum is {@link Tasks#all()}; {@code preprocessing} and {@code postprocessing} are
 * a {@code oneOf} with one branch per registered type ({@code type} const, each declared
 * {@link Option} a property: its kind as a JSON type, choices as an enum, bounds, description,
 * default; required options required; nothing else allowed); and per task an {@code if}/{@code then}
 * that narrows {@code type} to the task's own types. In manifests, postprocessing types that name
 * labels require {@code labels} (a recipe may leave them to the model: a scikit-learn classifier's
 * ZipMap names its classes), and bert-wordpiece recipes require {@code tokenizerSource}.
 *
 * <p>What the schema cannot say is checked by the converter: the model's inputs and outputs against
 * the recipe, label counts, tokenizer.json against the recipe, file paths and hashes.
 *
 * <p>Output is deterministic: object keys sorted, lists of tasks and types sorted by name (an
 * option's choices keep their order: the first is the default), two-space indents, final newline.
 */
public final class RecipeSchema {
    public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    public static final String RECIPE_FILE = "recipe.schema.json";
    public static final String MANIFEST_FILE = "manifest.schema.json";

    /** Preprocessing options a recipe may leave out because the converter writes them (from tokenizer.json). */
    private static final Map<String, Set<String>> FILLED_BY_CONVERTER = Map.of("bert-wordpiece", Set.of("vocab"));

    private RecipeSchema() {
    }

    /** File name → text, for {@code tandem-converter schema}. */
    public static Map<String, String> files() {
        Map<String, String> out = new TreeMap<>();
        out.put(RECIPE_FILE, write(recipe()));
        out.put(MANIFEST_FILE, write(manifest()));
        return out;
    }

    /** Sorted keys, two-space indents, a final newline. */
    public static String write(Map<String, Object> schema) {
        return Json.write(sorted(schema)) + "\n";
    }

    // ------------------------------------------------------------------ recipe.json

    public static Map<String, Object> recipe() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", string("The bundle's id, also its folder under models/ and its name in the API."));
        p.put("version", string("The bundle's version, copied to the manifest."));
        p.put("title", string("A name for people, copied to the manifest."));
        p.put("task", taskProperty());
        p.put("source", string("Where the model comes from, e.g. maven:group:artifact:version[:classifier]!/entry or a URL."));
        p.put("licence", string("The model's licence (SPDX identifier, e.g. Apache-2.0; NOASSERTION when not known)."));
        p.put("tokenizerSource", string("Where the tokenizer.json comes from; required for bert-wordpiece."));
        p.put("configSource", string("Where the HuggingFace config.json a proposed recipe was made from comes from."));
        p.put("labelsSource", string("Where the labels come from (a labels file, config.json id2label)."));
        p.put("inputs", tensors("The inputs the model must have; without them the model's own declarations are taken."));
        p.put("outputs", tensors("The outputs the model must have; without them the model's own declarations are taken."));
        p.put("preprocessing", ref("preprocessing"));
        p.put("postprocessing", ref("postprocessing"));
        p.put("labels", labels());
        p.put("devices", devices("Execution targets of the fp32 variant."));
        p.put("notes", notes());

        Map<String, Object> s = root("Tandem recipe (models/<id>/recipe.json)",
                "What a person decides about a bundle; tandem-converter import reads it with the model and writes manifest.json.");
        s.put("type", "object");
        s.put("properties", p);
        s.put("required", List.of("id", "version", "title", "task", "source", "licence", "preprocessing", "postprocessing", "devices"));
        s.put("additionalProperties", false);
        // No labels rule here: a scikit-learn classifier's labels come from its ZipMap at import; the
        // manifest schema requires them where the postprocessing names them.
        List<Object> rules = taskRules();
        rules.add(ifThen(sectionType("preprocessing", "bert-wordpiece"), Map.of("required", List.of("tokenizerSource"))));
        s.put("allOf", rules);
        s.put("$defs", defs(true));
        return s;
    }

    // ------------------------------------------------------------------ manifest.json

    public static Map<String, Object> manifest() {
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("const", (long) Manifest.SCHEMA);
        schema.put("description", "The manifest format's version; readers refuse one they do not know.");
        p.put("schema", schema);
        p.put("id", string("The bundle's id."));
        p.put("version", string("The bundle's version."));
        p.put("title", string("A name for people; the id when absent."));
        p.put("task", taskProperty());
        p.put("provenance", provenance());
        p.put("inputs", tensors("The model's inputs, in its order."));
        p.put("outputs", tensors("The model's outputs, in its order."));
        p.put("preprocessing", ref("preprocessing"));
        p.put("postprocessing", ref("postprocessing"));
        p.put("labels", labels());
        Map<String, Object> files = array(ref("file"));
        files.put("description", "Files other than the model variants (vocabularies …), with the bytes and sha256 readers check.");
        p.put("files", files);
        Map<String, Object> variants = array(ref("variant"));
        variants.put("minItems", 1L);
        variants.put("description", "Runnable forms of the model, best first: a device takes the first that names it.");
        p.put("variants", variants);
        p.put("reference", reference());

        Map<String, Object> s = root("Tandem bundle manifest (models/<id>/manifest.json)",
                "Everything needed to run a model bundle the same way in the browser and on the server; written by tandem-converter.");
        s.put("type", "object");
        s.put("properties", p);
        s.put("required", List.of("schema", "id", "version", "task", "inputs", "outputs", "preprocessing", "postprocessing", "variants"));
        s.put("additionalProperties", false);
        List<Object> rules = taskRules();
        rules.addAll(labelRules());
        s.put("allOf", rules);
        Map<String, Object> defs = defs(false);
        defs.put("file", fileDef());
        defs.put("variant", variantDef());
        s.put("$defs", defs);
        return s;
    }

    private static Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", string("Where the model (or, for trained bundles, the data) comes from."));
        p.put("licence", string("The model's or data's licence."));
        p.put("sha256", sha256("sha256 of the fp32 original."));
        p.put("producer", string("What made the ONNX file (its producer name and version)."));
        p.put("converter", string("The tandem-converter that wrote the manifest."));
        p.put("tokenizerSource", string("Where the tokenizer.json comes from."));
        p.put("tokenizerSha256", sha256("sha256 of the tokenizer.json."));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "object");
        o.put("description", "Where the bundle comes from; trained bundles add dataSha256, trainer, split and testAccuracy.");
        o.put("properties", p);
        return o;
    }

    private static Map<String, Object> fileDef() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", string("A plain relative name inside the bundle (no absolute path, '..', '.', backslash or colon)."));
        p.put("bytes", integer("Size in bytes.", 0));
        p.put("sha256", sha256("sha256 of the file's bytes."));
        return object("A file of the bundle.", p, List.of("path", "bytes", "sha256"));
    }

    private static Map<String, Object> variantDef() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", string("The variant's name (fp32, int8, fp16 …)."));
        p.put("precision", string("Its numbers: fp32, int8, fp16 …"));
        p.put("file", string("Its model file inside the bundle."));
        p.put("bytes", integer("Size of the file in bytes.", 0));
        p.put("sha256", sha256("sha256 of the file."));
        p.put("devices", devices("Devices the variant is meant for."));
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("type", "string");
        List<Object> ranges = new ArrayList<>();
        for (WeightRange w : WeightRange.values()) {
            ranges.add(w.wireName());
        }
        range.put("enum", ranges);
        range.put("description", "For int8: the integer range of the weights (7bit and u8 are exact on x86 CPUs without VNNI).");
        p.put("weightRange", range);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("type", "object");
        metrics.put("description", "What validate measured against fp32, with where it was measured (measuredOn).");
        p.put("metrics", metrics);
        return object("One runnable form of the model.", p, List.of("name", "precision", "file", "bytes", "sha256", "devices"));
    }

    private static Map<String, Object> reference() {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("name", string("The input statistic."));
        Map<String, Object> bins = array(number());
        bins.put("description", "Ascending bin edges; k edges make k + 1 bins.");
        feature.put("bins", bins);
        Map<String, Object> counts = array(integer(null, 0));
        counts.put("description", "Samples per bin, one more than bins.");
        feature.put("counts", counts);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("samples", integer("How many sample inputs the histograms count.", 0));
        Map<String, Object> features = array(object(null, feature, List.of("name", "bins", "counts")));
        p.put("features", features);
        return object("Histograms of the input statistics over validate's samples: the baseline for drift.", p,
                List.of("samples", "features"));
    }

    // ------------------------------------------------------------------ shared by both

    private static Map<String, Object> root(String title, String description) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("$schema", DRAFT);
        s.put("title", title);
        s.put("description", description + " Generated from the task registry by `tandem-converter schema`; do not edit.");
        return s;
    }

    private static Map<String, Object> taskProperty() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "string");
        List<Object> names = new ArrayList<>();
        StringBuilder d = new StringBuilder("The bundle's task, from the registry:");
        for (TaskType t : tasks()) {
            names.add(t.wireName());
            d.append(' ').append(t.wireName()).append(" (").append(t.description()).append(')').append(';');
        }
        d.setLength(d.length() - 1);
        m.put("enum", names);
        m.put("description", d.append('.').toString());
        return m;
    }

    /** Per task: the pre- and postprocessing types it takes. */
    private static List<Object> taskRules() {
        List<Object> rules = new ArrayList<>();
        for (TaskType t : tasks()) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("properties", Map.of("task", Map.of("const", t.wireName())));
            task.put("required", List.of("task"));
            Map<String, Object> then = new LinkedHashMap<>();
            then.put("properties", Map.of(
                    "preprocessing", Map.of("properties", Map.of("type", Map.of("enum", new ArrayList<Object>(t.preprocessingTypes())))),
                    "postprocessing", Map.of("properties", Map.of("type", Map.of("enum", new ArrayList<Object>(t.postprocessingTypes()))))));
            rules.add(ifThen(task, then));
        }
        return rules;
    }

    /** A postprocessing type that names labels needs them. */
    private static List<Object> labelRules() {
        List<Object> rules = new ArrayList<>();
        for (PostprocessorType t : postprocessors()) {
            if (t.needsLabels()) {
                Map<String, Object> then = new LinkedHashMap<>();
                then.put("required", List.of("labels"));
                then.put("properties", Map.of("labels", Map.of("minItems", 1L)));
                rules.add(ifThen(sectionType("postprocessing", t.type()), then));
            }
        }
        return rules;
    }

    private static Map<String, Object> sectionType(String section, String type) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("properties", Map.of("type", Map.of("const", type)));
        inner.put("required", List.of("type"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("properties", Map.of(section, inner));
        m.put("required", List.of(section));
        return m;
    }

    private static Map<String, Object> ifThen(Map<String, Object> condition, Map<String, Object> then) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("if", condition);
        m.put("then", then);
        return m;
    }

    /** tensor, preprocessing, postprocessing and one definition per registered type. */
    private static Map<String, Object> defs(boolean recipe) {
        Map<String, Object> defs = new LinkedHashMap<>();
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("name", string("The input's or output's name in the model."));
        Map<String, Object> dtype = new LinkedHashMap<>();
        dtype.put("type", "string");
        List<Object> dtypes = new ArrayList<>();
        for (DType t : DType.values()) {
            dtypes.add(t.wireName());
        }
        dtype.put("enum", dtypes);
        tp.put("dtype", dtype);
        Map<String, Object> dim = new LinkedHashMap<>();
        dim.put("type", List.of("integer", "string"));
        Map<String, Object> shape = array(dim);
        shape.put("description", "One entry per dimension: a number (fixed) or a name (symbolic: batch, sequence …).");
        tp.put("shape", shape);
        defs.put("tensor", object("A model input or output.", tp, List.of("name", "dtype", "shape")));

        List<Object> pre = new ArrayList<>();
        List<Object> preTypes = new ArrayList<>();
        for (PreprocessorType t : preprocessors()) {
            String name = "preprocessing." + t.type();
            Set<String> optional = recipe ? FILLED_BY_CONVERTER.getOrDefault(t.type(), Set.of()) : Set.of();
            defs.put(name, section(t.type(), t.description() + " (input: " + t.inputKind().wireName() + ")", t.options().options(), optional));
            pre.add(ref(name));
            preTypes.add(t.type());
        }
        defs.put("preprocessing", sections("How the caller's input becomes the model's tensors; one of the registered types.", preTypes, pre));

        List<Object> post = new ArrayList<>();
        List<Object> postTypes = new ArrayList<>();
        for (PostprocessorType t : postprocessors()) {
            String name = "postprocessing." + t.type();
            defs.put(name, section(t.type(), t.description() + (t.needsLabels() ? " Needs labels." : ""), t.options().options(), Set.of()));
            post.add(ref(name));
            postTypes.add(t.type());
        }
        defs.put("postprocessing", sections("How the model's outputs become the result; one of the registered types.", postTypes, post));
        return defs;
    }

    private static Map<String, Object> sections(String description, List<Object> types, List<Object> branches) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        m.put("description", description);
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("enum", types);
        m.put("properties", Map.of("type", type));
        m.put("required", List.of("type"));
        m.put("oneOf", branches);
        return m;
    }

    /** One processor type: its {@code type} const and its options, nothing else. */
    private static Map<String, Object> section(String type, String description, List<Option> options, Set<String> optional) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", Map.of("const", type));
        List<String> required = new ArrayList<>();
        required.add("type");
        for (Option o : options) {
            p.put(o.name(), option(o));
            if (o.isRequired() && !optional.contains(o.name())) {
                required.add(o.name());
            }
        }
        return object(description, p, required);
    }

    /** An option's kind as JSON Schema. */
    static Map<String, Object> option(Option o) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (o.kind()) {
            case STRING -> m.put("type", "string");
            case CHOICE -> {
                m.put("type", "string");
                m.put("enum", new ArrayList<Object>(o.choices()));
            }
            case INTEGER -> {
                m.put("type", "integer");
                bounds(m, o);
            }
            case NUMBER -> {
                m.put("type", "number");
                bounds(m, o);
            }
            case NUMBERS -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("type", "number");
                bounds(one, o);
                Map<String, Object> many = array(new LinkedHashMap<>(one));
                many.put("minItems", 1L);
                m.put("oneOf", List.of(one, many));
            }
            case BOOLEAN -> m.put("type", "boolean");
            case STRINGS -> m.putAll(array(Map.of("type", "string")));
            case OBJECTS -> m.putAll(array(Map.of("type", "object")));
            default -> throw new IllegalStateException("no JSON Schema for option kind " + o.kind());
        }
        m.put("description", o.description());
        if (o.defaultValue() != null) {
            m.put("default", o.defaultValue());
        }
        return m;
    }

    /**
     * Inclusive bounds; {@code Double.MIN_VALUE} as a minimum is how options say "more than 0"
     * (a standard deviation), and {@code Double.MAX_VALUE} as a maximum says "no bound".
     */
    private static void bounds(Map<String, Object> m, Option o) {
        if (o.min() == Double.MIN_VALUE) {
            m.put("exclusiveMinimum", 0L);
        } else if (Double.isFinite(o.min())) {
            m.put("minimum", o.min());
        }
        if (Double.isFinite(o.max()) && o.max() != Double.MAX_VALUE) {
            m.put("maximum", o.max());
        }
    }

    // ------------------------------------------------------------------ building blocks

    private static List<TaskType> tasks() {
        List<TaskType> all = new ArrayList<>(Tasks.all());
        all.sort(Comparator.comparing(TaskType::wireName));
        return all;
    }

    private static List<PreprocessorType> preprocessors() {
        List<PreprocessorType> all = new ArrayList<>(Tasks.preprocessors());
        all.sort(Comparator.comparing(PreprocessorType::type));
        return all;
    }

    private static List<PostprocessorType> postprocessors() {
        List<PostprocessorType> all = new ArrayList<>(Tasks.postprocessors());
        all.sort(Comparator.comparing(PostprocessorType::type));
        return all;
    }

    private static Map<String, Object> ref(String def) {
        return Map.of("$ref", "#/$defs/" + def);
    }

    private static Map<String, Object> string(String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "string");
        m.put("description", description);
        return m;
    }

    private static Map<String, Object> sha256(String description) {
        Map<String, Object> m = string(description);
        m.put("pattern", "^[0-9a-f]{64}$");
        return m;
    }

    private static Map<String, Object> integer(String description, long minimum) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "integer");
        m.put("minimum", minimum);
        if (description != null) {
            m.put("description", description);
        }
        return m;
    }

    private static Map<String, Object> number() {
        return Map.of("type", "number");
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "array");
        m.put("items", items);
        return m;
    }

    private static Map<String, Object> object(String description, Map<String, Object> properties, List<String> required) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        if (description != null) {
            m.put("description", description);
        }
        m.put("properties", properties);
        m.put("required", new ArrayList<Object>(required));
        m.put("additionalProperties", false);
        return m;
    }

    private static Map<String, Object> tensors(String description) {
        Map<String, Object> m = array(ref("tensor"));
        m.put("description", description);
        return m;
    }

    private static Map<String, Object> labels() {
        Map<String, Object> m = array(Map.of("type", "string"));
        m.put("description", "One per class, in the model's output order; required by postprocessing types that name labels.");
        return m;
    }

    private static Map<String, Object> devices(String description) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "string");
        item.put("enum", new ArrayList<Object>(Recipe.DEVICES));
        Map<String, Object> m = array(item);
        m.put("description", description + " A device takes the first variant naming it.");
        return m;
    }

    private static Map<String, Object> notes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "For people: free text, or one line per entry (a proposed recipe lists its assumptions here).");
        m.put("oneOf", List.of(Map.of("type", "string"), array(Map.of("type", "string"))));
        return m;
    }

    /**
     * Object keys sorted at every level, lists as they are (their order is meaningful or already
     * sorted by name); {@code required} lists sorted too.
     */
    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = sorted(e.getValue());
                if (e.getKey().equals("required") && v instanceof List<?> list) {
                    List<String> names = new ArrayList<>((List<String>) list);
                    names.sort(null);
                    v = new ArrayList<Object>(names);
                }
                out.put((String) e.getKey(), v);
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(sorted(o));
            }
            return out;
        }
        return value;
    }
}
