package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.OptionSet;

/**
 * One value of a manifest's {@code postprocessing.type}: its declared options and how to open it.
 * {@link #of} makes one from its parts.
 */
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

    /** How a type opens its postprocessor from a checked section. */
    interface Opener {
        Postprocessor open(Manifest manifest, JsonObject config);
    }

    static PostprocessorType of(final String type, final String description, final OutputKind outputKind, final boolean needsLabels,
                                final OptionSet options, final Opener opener) {
        return new PostprocessorType() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public OutputKind outputKind() {
                return outputKind;
            }

            @Override
            public boolean needsLabels() {
                return needsLabels;
            }

            @Override
            public OptionSet options() {
                return options;
            }

            @Override
            public Postprocessor open(Manifest manifest, JsonObject config) {
                return opener.open(manifest, config);
            }
        };
    }
}
