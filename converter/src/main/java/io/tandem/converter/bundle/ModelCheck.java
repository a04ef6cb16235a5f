package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.onnx.Dim;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.ValueInfo;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.bundle.TensorSpec;
import io.tandem.pipeline.tensor.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a recipe against the model it names and turns the model's inputs and outputs into the
 * manifest's {@link TensorSpec}s. Every disagreement is reported, each as "expected X, found Y",
 * joined into one line, so one run shows everything to fix.
 *
 * <p>Symbolic dimensions take the recipe's name ("batch", "sequence"): exporters name them
 * arbitrarily ("batch_size", "N", "unk__42") and bundles read better with one vocabulary. The
 * model's own names are what {@code inspect} shows.
 */
public final class ModelCheck {
    private final List<String> problems = new ArrayList<>();

    private ModelCheck() {
    }

    /** The manifest's inputs and outputs, in the model's order. */
    public record Resolved(List<TensorSpec> inputs, List<TensorSpec> outputs) {
    }

    public static Resolved check(Recipe recipe, OnnxModel model) {
        ModelCheck c = new ModelCheck();
        List<TensorSpec> inputs = c.resolve("input", recipe.inputs(), model.inputs());
        List<TensorSpec> outputs = c.resolve("output", recipe.outputs(), model.outputs());
        c.checkLabels(recipe, outputs);
        c.checkInputNames(recipe, model);
        if (!c.problems.isEmpty()) {
            throw new ConverterException("recipe does not match the model: " + String.join("; ", c.problems));
        }
        return new Resolved(inputs, outputs);
    }

    private List<TensorSpec> resolve(String kind, List<Recipe.Declared> declared, List<ValueInfo> actual) {
        List<TensorSpec> specs = new ArrayList<>();
        if (declared != null) {
            for (Recipe.Declared d : declared) {
                if (actual.stream().noneMatch(v -> v.name().equals(d.name()))) {
                    problems.add("expected " + kind + " '" + d.name() + "', found " + kind + "s " + names(actual));
                }
            }
        }
        for (ValueInfo v : actual) {
            Recipe.Declared d = declared == null ? null : find(declared, v.name());
            if (declared != null && d == null) {
                problems.add("model " + kind + " '" + v.name() + "' is not in the recipe (expected " + kind + "s "
                        + declared.stream().map(Recipe.Declared::name).toList() + ")");
                continue;
            }
            TensorSpec spec = spec(kind, v, d);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private TensorSpec spec(String kind, ValueInfo v, Recipe.Declared d) {
        String what = kind + " '" + v.name() + "'";
        if (!v.isTensor()) {
            problems.add(what + ": expected a tensor, found a " + v.kind());
            return null;
        }
        DType dtype = v.elementType().dtype();
        if (dtype == null) {
            problems.add(what + ": expected one of " + Arrays.stream(DType.values()).map(DType::wireName).toList()
                    + ", found " + v.elementType().wireName());
            return null;
        }
        if (v.dims() == null) {
            problems.add(what + ": expected a declared shape, found none");
            return null;
        }
        if (d == null) {
            return new TensorSpec(v.name(), dtype, fromModel(v.dims()));
        }
        int before = problems.size();
        if (d.dtype() != dtype) {
            problems.add(what + ": expected dtype " + d.dtype().wireName() + ", found " + dtype.wireName());
        }
        if (d.shape().size() != v.dims().size()) {
            problems.add(what + ": expected shape " + d.shape() + ", found " + v.shapeString());
        } else {
            for (int i = 0; i < d.shape().size(); i++) {
                Object want = d.shape().get(i);
                Dim have = v.dims().get(i);
                boolean ok = want instanceof Long ? have.isFixed() && have.value().equals(want) : !have.isFixed();
                if (!ok) {
                    problems.add(what + ": expected shape " + d.shape() + ", found " + v.shapeString());
                    break;
                }
            }
        }
        return problems.size() == before ? new TensorSpec(v.name(), dtype, d.shape()) : null;
    }

    /** Without a recipe declaration: fixed dims as numbers, symbolic by the model's name. */
    private static List<Object> fromModel(List<Dim> dims) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Dim dim = dims.get(i);
            out.add(dim.isFixed() ? dim.value() : dim.symbol() != null ? dim.symbol() : "dim" + i);
        }
        return out;
    }

    /** Labels, where the results name them, must match the output's class dimension when that is fixed. */
    private void checkLabels(Recipe recipe, List<TensorSpec> outputs) {
        Object post = recipe.postprocessing().get("type");
        String postType = post instanceof String ? (String) post : recipe.task().postprocessingTypes().get(0);
        if (outputs.isEmpty() || !recipe.task().postprocessingTypes().contains(postType) || !Tasks.postprocessor(postType).needsLabels()) {
            return;
        }
        Object named = recipe.postprocessing().get("output");
        TensorSpec out = outputs.stream().filter(o -> o.name().equals(named)).findFirst().orElse(outputs.get(0));
        List<Object> dims = out.dims();
        Object classes = dims.isEmpty() ? null : dims.get(dims.size() - 1);
        if (recipe.labels().isEmpty()) {
            problems.add("labels: expected a label per class of output '" + out.name() + "', found none");
        } else if (classes instanceof Long && (Long) classes != recipe.labels().size()) {
            problems.add("labels: expected " + classes + " (last dimension of output '" + out.name() + "'), found "
                    + recipe.labels().size());
        }
    }

    /** Preprocessing settings that name model inputs ("idsInput": "input_ids") must name real ones. */
    private void checkInputNames(Recipe recipe, OnnxModel model) {
        for (var e : recipe.preprocessing().entrySet()) {
            if (e.getKey().endsWith("Input") && e.getValue() instanceof String name && model.input(name) == null) {
                problems.add("preprocessing." + e.getKey() + ": expected a model input, found '" + name
                        + "' (model inputs " + names(model.inputs()) + ")");
            }
        }
    }

    private static Recipe.Declared find(List<Recipe.Declared> declared, String name) {
        for (Recipe.Declared d : declared) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static List<String> names(List<ValueInfo> values) {
        return values.stream().map(ValueInfo::name).toList();
    }
}
