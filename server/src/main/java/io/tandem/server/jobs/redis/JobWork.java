package io.tandem.server.jobs.redis;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.ServerModel;

/** One input's prediction on the leased version: {@code Predictor::predict} in service. Throws to fail the job. */
@FunctionalInterface
interface JobWork {
    Object run(ServerModel model, ModelInput input) throws Exception;
}
