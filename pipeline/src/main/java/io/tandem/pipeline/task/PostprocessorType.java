package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.OptionSet;

/** One value of a manifest's {@code postprocessing.type}: its declared options and how to open it. */
public interface PostprocessorType {
    /** The manifest's {@code type}, e.g. "softmax". */
    String type();

    String description();

    OutputKind outputKind();

    /** True when results name the bundle's labels, which then must be present. */
    boolean needsLabels();

    OptionSet options();

    /** @param config the section, already checked against {@link #options()} */
    Postprocessor open(Manifest manifest, JsonObject config);
}
