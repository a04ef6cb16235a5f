package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.drift.VectorStatistics;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.tabular.TabularEncoder;
import io.tandem.pipeline.task.BundleFiles;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.Preprocessor;
import io.tandem.pipeline.task.PreprocessorType;
import io.tandem.pipeline.tensor.Tensor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record of named features → one float vector, by the bundle's encoder (see {@link TabularEncoder}). */
public final class TabularInput implements Preprocessor {
    private static final OptionSet OPTIONS = OptionSet.of(
            Option.of("input", Option.Kind.STRING, "The model input the vector is fed to.").required(),
            Option.of("features", Option.Kind.OBJECTS, "The features in vector order: {name, kind: numeric | categorical, "
                    + "mean/std or categories, missing}; see docs/own-model.md.").required());

    public static final PreprocessorType TYPE = PreprocessorType.of(TabularEncoder.TYPE,
            "A record of named numbers and categories, standardised and one-hot encoded into one float vector.",
            InputKind.FEATURES, OPTIONS, (manifest, config, files) -> new TabularInput(TabularEncoder.fromConfig(config)));

    private final TabularEncoder encoder;

    public TabularInput(TabularEncoder encoder) {
        this.encoder = encoder;
    }

    public TabularEncoder encoder() {
        return encoder;
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        float[] vector = encoder.encode(input.features());
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(encoder.inputName(), Tensor.ofFloats(new int[] {1, vector.length}, vector));
        return new Prepared(feeds);
    }

    @Override
    public InputStatistics statistics() {
        return new VectorStatistics(encoder.inputName(), encoder.columns());
    }

    /** Every feature missing: the encoder's documented fill-in values, valid for any tabular model. */
    @Override
    public ModelInput sampleInput() {
        return ModelInput.features(new HashMap<String, Object>());
    }
}
