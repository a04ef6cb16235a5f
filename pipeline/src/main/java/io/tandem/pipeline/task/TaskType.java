package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.recipe.RecipeException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One task a bundle can do — its wire name, the preprocessing and postprocessing types it accepts
 * — and the one way to open its pipeline from a manifest. Everything else (what a request carries,
 * how variants are compared, what drift watches) follows from the processors it names, so a new
 * task is one entry in {@link Tasks} plus, when no existing processor fits, one processor type.
 */
public final class TaskType {
    private final String wireName;
    private final String description;
    private final List<String> preprocessing;
    private final List<String> postprocessing;

    /**
     * @param preprocessing the accepted {@code preprocessing.type}s; every one takes the same input kind
     * @param postprocessing the accepted {@code postprocessing.type}s, the default first; every one
     *                       gives the same output kind
     */
    public TaskType(String wireName, String description, List<String> preprocessing, List<String> postprocessing) {
        if (preprocessing.isEmpty() || postprocessing.isEmpty()) {
            throw new IllegalArgumentException("task '" + wireName + "' needs a preprocessing and a postprocessing type");
        }
        this.wireName = wireName;
        this.description = description;
        this.preprocessing = Collections.unmodifiableList(new ArrayList<>(preprocessing));
        this.postprocessing = Collections.unmodifiableList(new ArrayList<>(postprocessing));
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public List<String> preprocessingTypes() {
        return preprocessing;
    }

    public List<String> postprocessingTypes() {
        return postprocessing;
    }

    public InputKind inputKind() {
        return Tasks.preprocessor(preprocessing.get(0)).inputKind();
    }

    public OutputKind outputKind() {
        return Tasks.postprocessor(postprocessing.get(0)).outputKind();
    }

    /**
     * The pipeline the manifest describes, after checking that its types belong to this task and
     * its fields to those types.
     *
     * @throws RecipeException naming the field, what was expected and what was found
     */
    public TaskPipeline open(Manifest manifest, BundleFiles files) {
        JsonObject pre = manifest.preprocessing();
        JsonObject post = manifest.postprocessing();
        PreprocessorType preType = Tasks.preprocessor(typeOf(pre, "preprocessing", preprocessing));
        PostprocessorType postType = Tasks.postprocessor(typeOf(post, "postprocessing", postprocessing));
        check(preType.options(), pre, "preprocessing", preType.type());
        check(postType.options(), post, "postprocessing", postType.type());
        if (postType.needsLabels() && manifest.labels().isEmpty()) {
            throw new RecipeException("labels: expected a label per class for postprocessing '" + postType.type()
                    + "' of task '" + wireName + "', found none");
        }
        return new ComposedPipeline(this, preType.open(manifest, pre, files), postType.open(manifest, post));
    }

    /** The section's type; an absent postprocessing type means the task's default. */
    private String typeOf(JsonObject section, String where, List<String> accepted) {
        if (!section.has(OptionSet.TYPE)) {
            if ("postprocessing".equals(where)) {
                return accepted.get(0);
            }
            throw new RecipeException(where + ".type: expected one of " + accepted + " for task '" + wireName + "', found nothing");
        }
        Object type = section.raw().get(OptionSet.TYPE);
        if (!(type instanceof String) || !accepted.contains(type)) {
            throw new RecipeException(where + ".type: expected one of " + accepted + " for task '" + wireName + "', found "
                    + (type instanceof String ? "'" + type + "'" : "a " + (type == null ? "null" : "non-string")));
        }
        return (String) type;
    }

    private static void check(OptionSet options, JsonObject section, String where, String type) {
        options.check(section.raw(), where, type);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
