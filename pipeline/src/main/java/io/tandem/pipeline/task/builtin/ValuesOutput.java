package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Postprocessor;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression: the output's numbers, each under its name ({@code names}, else the bundle's labels,
 * else "value", "value1", …), optionally mapped back from a standardised target (y · scale + offset).
 */
public final class ValuesOutput implements Postprocessor {
    private static final OptionSet OPTIONS = OptionSet.of(Outputs.OPTION,
            Option.of("names", Option.Kind.STRINGS, "A name per output value; the bundle's labels, else value, value1, … when absent."),
            Option.of("scale", Option.Kind.NUMBER, "Multiplies each value (undoes a target standardised in training).").defaultsTo(1.0),
            Option.of("offset", Option.Kind.NUMBER, "Added to each value after scale.").defaultsTo(0.0));

    public static final PostprocessorType TYPE = PostprocessorType.of("values",
            "Regression: the output's numbers by name, optionally as value * scale + offset.",
            OutputKind.VALUES, false, OPTIONS, (manifest, config) -> {
                List<String> names = config.has("names") ? config.strings("names") : manifest.labels();
                return new ValuesOutput(Outputs.name(manifest, config), names, config.number("scale", 1.0), config.number("offset", 0.0));
            });

    private final String output;
    private final List<String> names;
    private final double scale;
    private final double offset;

    private ValuesOutput(String output, List<String> names, double scale, double offset) {
        this.output = output;
        this.names = new ArrayList<>(names);
        this.scale = scale;
        this.offset = offset;
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        float[] values = Outputs.get(outputs, output).floats();
        if (!names.isEmpty() && names.size() != values.length) {
            throw new IllegalStateException("expected " + names.size() + " values in output '" + output + "' (one per name), found "
                    + values.length);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String name = names.isEmpty() ? (i == 0 ? "value" : "value" + i) : names.get(i);
            out.put(name, values[i] * scale + offset);
        }
        return out;
    }

    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        float[] values = Outputs.get(outputs, output).floats();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (values[i] * scale + offset);
        }
        return out;
    }
}
