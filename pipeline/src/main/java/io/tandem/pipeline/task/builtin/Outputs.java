package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.tensor.Tensor;

import java.util.Map;

/** The {@code output} option every postprocessor shares: which model output it reads. */
final class Outputs {
    static final Option OPTION = Option.of("output", Option.Kind.STRING,
            "The model output to read; the first output when absent.");

    private Outputs() {
    }

    /** The output named by the section, checked against the manifest's outputs. */
    static String name(Manifest manifest, JsonObject config) {
        if (manifest.outputs().isEmpty()) {
            throw new RecipeException("outputs: expected at least one model output, found none");
        }
        String name = config.string("output", manifest.outputs().get(0).name());
        boolean known = false;
        for (int i = 0; i < manifest.outputs().size(); i++) {
            known |= manifest.outputs().get(i).name().equals(name);
        }
        if (!known) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < manifest.outputs().size(); i++) {
                names.append(i == 0 ? "" : ", ").append(manifest.outputs().get(i).name());
            }
            throw new RecipeException("postprocessing.output: expected one of the model outputs [" + names + "], found '" + name + "'");
        }
        return name;
    }

    static Tensor get(Map<String, Tensor> outputs, String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalStateException("model gave no output named '" + name + "'");
        }
        return t;
    }
}
