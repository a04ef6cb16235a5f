package io.tandem.pipeline.task;

/**
 * A team's own tasks and processor types, in its own jar. Found by {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.tandem.pipeline.task.TandemExtension} file naming the class) on
 * the JVM — server and converter — and by TeaVM when it compiles the browser runtime with the jar
 * on its classpath, so both sides know the same tasks without a fork of Tandem.
 * See docs/own-model.md, "A task of your own".
 */
public interface TandemExtension {
    void register(Registrar registrar);

    /** What an extension may add; a name already taken is refused, built-ins cannot be replaced. */
    interface Registrar {
        void task(TaskType task);

        void preprocessor(PreprocessorType type);

        void postprocessor(PostprocessorType type);
    }
}
