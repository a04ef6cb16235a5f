package io.tandem.pipeline.task;

import io.tandem.pipeline.drift.InputStatistics;

/** The input half of a pipeline: a caller's input → the model's input tensors. */
public interface Preprocessor {
    /** @throws InvalidInputException when the input cannot be used */
    Prepared preprocess(ModelInput input);

    /** What drift is watched on, read from the tensors {@link #preprocess} made. */
    InputStatistics statistics();

    /**
     * A plain, cheap, valid input for this configuration: the browser's warm-up runs, the server's
     * smoke prediction, the converter's check that preprocessing fits the model's inputs.
     */
    ModelInput sampleInput();
}
