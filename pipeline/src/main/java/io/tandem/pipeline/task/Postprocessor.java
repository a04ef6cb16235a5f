package io.tandem.pipeline.task;

import io.tandem.pipeline.tensor.Tensor;

import java.util.Map;

/** The output half of a pipeline: the model's output tensors → the result a caller gets. */
public interface Postprocessor {
    /**
     * @param prepared what preprocessing made for this input (some results need it: pooling reads
     *                 the attention mask, token spans the offsets)
     * @return JSON-ready values (maps, lists, strings, numbers), identical wherever it ran
     */
    Object postprocess(Prepared prepared, Map<String, Tensor> outputs);

    /**
     * The result as numbers, for checking a variant against fp32 the way its {@link OutputKind}
     * says: the embedding, the probability rows in label order, or the values.
     */
    float[] comparable(Prepared prepared, Map<String, Tensor> outputs);
}
