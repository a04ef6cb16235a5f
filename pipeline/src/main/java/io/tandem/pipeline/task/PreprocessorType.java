package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.OptionSet;

/**
 * One value of a manifest's {@code preprocessing.type}: its declared options and how to open it.
 * Registered in {@link Tasks}; a team's own type is registered the same way (see
 * {@link TandemExtension}).
 */
public interface PreprocessorType {
    /** The manifest's {@code type}, e.g. "image". */
    String type();

    /** One sentence for the docs and for error messages that list the known types. */
    String description();

    InputKind inputKind();

    OptionSet options();

    /** @param config the section, already checked against {@link #options()} */
    Preprocessor open(Manifest manifest, JsonObject config, BundleFiles files);
}
