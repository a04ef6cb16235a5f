package io.tandem.pipeline.drift;

import io.tandem.pipeline.task.Prepared;

import java.util.List;

/**
 * The statistics of one input that drift is tracked on, read from the tensors preprocessing made
 * (never from the raw input, and nothing is kept): the same numbers in the converter, the server
 * and the browser.
 */
public interface InputStatistics {
    /** What is measured, in the order {@link #measure} returns it; may be empty. */
    List<Feature> features();

    /** One value per feature for a single input (batch of one). */
    double[] measure(Prepared prepared);
}
