package io.tandem.pipeline.task;

import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.tensor.Tensor;

import java.util.Map;

/** A task's pipeline: the preprocessor and postprocessor its manifest names, side by side. */
public final class ComposedPipeline implements TaskPipeline {
    private final TaskType task;
    private final Preprocessor preprocessor;
    private final Postprocessor postprocessor;

    public ComposedPipeline(TaskType task, Preprocessor preprocessor, Postprocessor postprocessor) {
        this.task = task;
        this.preprocessor = preprocessor;
        this.postprocessor = postprocessor;
    }

    @Override
    public TaskType task() {
        return task;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    public Postprocessor postprocessor() {
        return postprocessor;
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        return preprocessor.preprocess(input);
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        return postprocessor.postprocess(prepared, outputs);
    }

    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        return postprocessor.comparable(prepared, outputs);
    }

    @Override
    public InputStatistics statistics() {
        return preprocessor.statistics();
    }

    @Override
    public ModelInput sampleInput() {
        return preprocessor.sampleInput();
    }
}
