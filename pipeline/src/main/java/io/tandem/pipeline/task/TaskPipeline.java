package io.tandem.pipeline.task;

import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.tensor.Tensor;

import java.util.Map;

/**
 * The model-independent half of a prediction: input → tensors, and output tensors → result. The
 * browser and the server call the same implementation around their own runtime; the converter
 * uses it to make validation samples and to compare variants.
 */
public interface TaskPipeline {
    TaskType task();

    /** @throws InvalidInputException when the input cannot be used */
    Prepared preprocess(ModelInput input);

    /**
     * @param outputs the model's outputs by name
     * @return the result as JSON-ready values (maps, lists, strings, numbers), identical in shape
     *         wherever it ran
     */
    Object postprocess(Prepared prepared, Map<String, Tensor> outputs);

    /** The result as numbers, compared across variants as the task's {@link OutputKind} says. */
    float[] comparable(Prepared prepared, Map<String, Tensor> outputs);

    InputStatistics statistics();

    ModelInput sampleInput();
}
