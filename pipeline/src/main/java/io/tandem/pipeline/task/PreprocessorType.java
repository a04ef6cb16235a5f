package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.OptionSet;

/**
 * One value of a manifest's {@code preprocessing.type}: its declared options and how to open it.
 * Registered in {@link Tasks}; a team's own type is registered the same way (see
 * {@link TandemExtension}). {@link #of} makes one from its parts.
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

    /** How a type opens its preprocessor from a checked section. */
    interface Opener {
        Preprocessor open(Manifest manifest, JsonObject config, BundleFiles files);
    }

    static PreprocessorType of(final String type, final String description, final InputKind inputKind, final OptionSet options,
                               final Opener opener) {
        return new PreprocessorType() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public InputKind inputKind() {
                return inputKind;
            }

            @Override
            public OptionSet options() {
                return options;
            }

            @Override
            public Preprocessor open(Manifest manifest, JsonObject config, BundleFiles files) {
                return opener.open(manifest, config, files);
            }
        };
    }
}
