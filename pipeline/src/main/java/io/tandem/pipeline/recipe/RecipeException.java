package io.tandem.pipeline.recipe;

/**
 * A bundle's recipe or manifest asks for something its task cannot do: an unknown type or field, a
 * value of the wrong kind, or a setting that does not fit the model. The message names the field
 * and says "expected X, found Y", so it can be shown to a user as it is.
 */
public final class RecipeException extends IllegalArgumentException {
    public RecipeException(String message) {
        super(message);
    }
}
