package io.tandem.pipeline.task;

import io.tandem.pipeline.tensor.Tensor;

import java.util.Map;

/**
 * The model-independent half of a prediction: input → tensors, and output tensors → result. The
 * browser and the server call the same implementation around their own runtime.
 */
public interface TaskPipeline {
    /** @throws InvalidInputException when the input cannot be used */
    Prepared preprocess(ModelInput input);

    /**
     * @param outputs the model's outputs by name
     * @return the result as JSON-ready values (maps, lists, strings, numbers), identical in shape
     *         wherever it ran
     */
    Object postprocess(Prepared prepared, Map<String, Tensor> outputs);
}
