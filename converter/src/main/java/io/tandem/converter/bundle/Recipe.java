package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.json.JsonException;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.tensor.DType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code models/<id>/recipe.json}: what a person decides about a bundle (names, task, licence,
 * pre/postprocessing, labels, devices) and what they expect the model to look like. Everything the
 * model or tokenizer can say for itself is read from them instead, and checked against the recipe.
 *
 * @param inputs        declared inputs, or null to take them from the model as they are
 * @param outputs       declared outputs, or null likewise
 * @param configSource  where the HuggingFace config.json a proposed recipe read comes from, or null
 * @param labelsSource  where the labels come from (a labels file, config.json's id2label), or null
 */
public record Recipe(
        String where,
        String id,
        String version,
        String title,
        TaskType task,
        String source,
        String licence,
        String tokenizerSource,
        List<Declared> inputs,
        List<Declared> outputs,
        Map<String, Object> preprocessing,
        Map<String, Object> postprocessing,
        List<String> labels,
        List<String> devices,
        String configSource,
        String labelsSource) {

    /** Devices a variant may target; the same words the client's device choice uses. */
    public static final List<String> DEVICES = io.tandem.pipeline.bundle.Device.wireNames();

    private static final Set<String> FIELDS = Set.of("id", "version", "title", "task", "source", "licence",
            "tokenizerSource", "inputs", "outputs", "preprocessing", "postprocessing", "labels", "devices", "notes",
            "configSource", "labelsSource");

    /** A recipe without the optional provenance of config.json and labels. */
    public Recipe(String where, String id, String version, String title, TaskType task, String source, String licence,
                  String tokenizerSource, List<Declared> inputs, List<Declared> outputs, Map<String, Object> preprocessing,
                  Map<String, Object> postprocessing, List<String> labels, List<String> devices) {
        this(where, id, version, title, task, source, licence, tokenizerSource, inputs, outputs, preprocessing, postprocessing,
                labels, devices, null, null);
    }

    /** An input or output as the recipe expects it; a shape entry is a Long (fixed) or a String (symbolic). */
    public record Declared(String name, DType dtype, List<Object> shape) {
        @Override
        public String toString() {
            return name + " " + dtype.wireName() + " " + shape;
        }
    }

    /** The same recipe with labels the model itself named (a scikit-learn classifier's classes). */
    public Recipe withLabels(List<String> modelLabels) {
        return new Recipe(where, id, version, title, task, source, licence, tokenizerSource, inputs, outputs, preprocessing,
                postprocessing, List.copyOf(modelLabels), devices);
    }

    public static Recipe read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConverterException("recipe file not found: " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConverterException("cannot read recipe " + file + ": " + e.getMessage(), e);
        }
        return parse(text, "recipe " + file);
    }

    /** Parses recipe JSON; {@code where} prefixes every error ("recipe models/x/recipe.json"). */
    public static Recipe parse(String json, String where) {
        try {
            JsonObject o = JsonObject.parse(json, where);
            for (String key : o.raw().keySet()) {
                if (!FIELDS.contains(key)) {
                    throw new ConverterException(where + ": unknown field '" + key + "' (known: " + new TreeSet<>(FIELDS) + ")");
                }
            }
            JsonObject pre = o.object("preprocessing");
            pre.string("type");
            JsonObject post = o.object("postprocessing");
            post.string("type");
            List<String> devices = o.strings("devices");
            for (String d : devices) {
                if (!DEVICES.contains(d)) {
                    throw new ConverterException(where + ": unknown device '" + d + "' (known: " + DEVICES + ")");
                }
            }
            return new Recipe(where, o.string("id"), o.string("version"), o.string("title"), task(o, where),
                    o.string("source"), o.string("licence"), o.string("tokenizerSource", null),
                    o.has("inputs") ? declared(o, "inputs", where) : null,
                    o.has("outputs") ? declared(o, "outputs", where) : null,
                    new LinkedHashMap<>(pre.raw()), new LinkedHashMap<>(post.raw()),
                    o.has("labels") ? o.strings("labels") : List.of(), devices,
                    o.string("configSource", null), o.string("labelsSource", null));
        } catch (JsonException e) {
            // JsonObject's messages already name the place ("recipe x.json: missing field 'task'").
            String m = e.getMessage();
            throw new ConverterException(m.startsWith(where) ? m : where + ": " + m, e);
        }
    }

    private static TaskType task(JsonObject o, String where) {
        try {
            return Tasks.task(o.string("task"));
        } catch (io.tandem.pipeline.recipe.RecipeException e) {
            throw new ConverterException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<Declared> declared(JsonObject o, String key, String where) {
        List<Declared> out = new ArrayList<>();
        for (JsonObject t : o.objects(key)) {
            String name = t.string("name");
            String dtype = t.string("dtype");
            DType type;
            try {
                type = DType.fromWireName(dtype);
            } catch (IllegalArgumentException e) {
                throw new ConverterException(where + ": " + key + " '" + name + "': unknown dtype '" + dtype + "'", e);
            }
            List<Object> shape = new ArrayList<>();
            for (Object d : t.array("shape")) {
                if (d instanceof Long || d instanceof String) {
                    shape.add(d);
                } else {
                    throw new ConverterException(where + ": " + key + " '" + name + "': a shape entry must be an integer or a name, found " + d);
                }
            }
            out.add(new Declared(name, type, shape));
        }
        return out;
    }
}
