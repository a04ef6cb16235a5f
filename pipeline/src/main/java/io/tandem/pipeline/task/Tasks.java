package io.tandem.pipeline.task;

import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.builtin.BuiltInTasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry every runtime takes its tasks from — the converter, the server (requests, OpenAPI,
 * smoke tests), the browser and the docs: the built-in tasks first, then those of every
 * {@link TandemExtension} on the class path. No module keeps a list of its own.
 */
public final class Tasks {
    private static final Map<String, TaskType> TASKS = new LinkedHashMap<>();
    private static final Map<String, PreprocessorType> PREPROCESSORS = new LinkedHashMap<>();
    private static final Map<String, PostprocessorType> POSTPROCESSORS = new LinkedHashMap<>();

    static {
        new BuiltInTasks().register(new Adder());
        Iterator<TandemExtension> found = ServiceLoader.load(TandemExtension.class).iterator();
        while (found.hasNext()) {
            add(found.next());
        }
    }

    private Tasks() {
    }

    /** Adds an extension by hand: a page runtime built without a service file, or a test. */
    public static synchronized void add(TandemExtension extension) {
        extension.register(new Adder());
    }

    /** The pipeline a manifest describes: its task's, checked (see {@link TaskType#open}). */
    public static TaskPipeline open(io.tandem.pipeline.bundle.Manifest manifest, BundleFiles files) {
        return manifest.task().open(manifest, files);
    }

    /** @throws RecipeException naming the known tasks */
    public static synchronized TaskType task(String wireName) {
        TaskType t = TASKS.get(wireName);
        if (t == null) {
            throw new RecipeException("task: expected one of " + new ArrayList<>(TASKS.keySet()) + ", found '" + wireName + "'");
        }
        return t;
    }

    public static synchronized List<TaskType> all() {
        return Collections.unmodifiableList(new ArrayList<>(TASKS.values()));
    }

    public static synchronized PreprocessorType preprocessor(String type) {
        PreprocessorType t = PREPROCESSORS.get(type);
        if (t == null) {
            throw new RecipeException("preprocessing.type: expected one of " + new ArrayList<>(PREPROCESSORS.keySet())
                    + ", found '" + type + "'");
        }
        return t;
    }

    public static synchronized PostprocessorType postprocessor(String type) {
        PostprocessorType t = POSTPROCESSORS.get(type);
        if (t == null) {
            throw new RecipeException("postprocessing.type: expected one of " + new ArrayList<>(POSTPROCESSORS.keySet())
                    + ", found '" + type + "'");
        }
        return t;
    }

    public static synchronized List<PreprocessorType> preprocessors() {
        return Collections.unmodifiableList(new ArrayList<>(PREPROCESSORS.values()));
    }

    public static synchronized List<PostprocessorType> postprocessors() {
        return Collections.unmodifiableList(new ArrayList<>(POSTPROCESSORS.values()));
    }

    /** Refuses a second use of a name: an extension must not silently change what a bundle means. */
    private static final class Adder implements TandemExtension.Registrar {
        @Override
        public void task(TaskType task) {
            // Every type must exist and agree on the kinds: requests and comparisons follow from them.
            for (String pre : task.preprocessingTypes()) {
                if (Tasks.preprocessor(pre).inputKind() != task.inputKind()) {
                    throw new IllegalStateException("task '" + task.wireName() + "': preprocessing types " + task.preprocessingTypes()
                            + " take different input kinds");
                }
            }
            for (String post : task.postprocessingTypes()) {
                if (Tasks.postprocessor(post).outputKind() != task.outputKind()) {
                    throw new IllegalStateException("task '" + task.wireName() + "': postprocessing types " + task.postprocessingTypes()
                            + " give different output kinds");
                }
            }
            put(TASKS, task.wireName(), task, "task");
        }

        @Override
        public void preprocessor(PreprocessorType type) {
            put(PREPROCESSORS, type.type(), type, "preprocessing type");
        }

        @Override
        public void postprocessor(PostprocessorType type) {
            put(POSTPROCESSORS, type.type(), type, "postprocessing type");
        }

        private static <T> void put(Map<String, T> map, String name, T value, String what) {
            if (map.containsKey(name)) {
                throw new IllegalStateException(what + " '" + name + "' is registered twice");
            }
            map.put(name, value);
        }
    }
}
