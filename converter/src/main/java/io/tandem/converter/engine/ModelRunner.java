package io.tandem.converter.engine;

import io.tandem.pipeline.tensor.Tensor;

import java.util.Map;

/**
 * One model loaded in one inference engine: pipeline tensors in, pipeline tensors out. Validation,
 * calibration and benchmarks run variants through this, so each is measured on the engine that will
 * run it ({@link Engine}). Owns native memory or a child process: close it.
 */
public interface ModelRunner extends AutoCloseable {
    Map<String, Tensor> run(Map<String, Tensor> feeds);

    /** How long the last {@link #run} spent inside the engine's session.run, in ms. */
    double lastMillis();

    /** Which engine, version and machine computed the results. */
    MeasuredOn measuredOn();

    @Override
    void close();
}
