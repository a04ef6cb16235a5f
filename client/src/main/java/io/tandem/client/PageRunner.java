package io.tandem.client;

import io.tandem.client.browser.Js;
import io.tandem.client.ort.InferenceSession;
import io.tandem.client.ort.Ort;
import io.tandem.client.ort.OrtTensors;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;
import io.tandem.pipeline.tensor.Tensor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the model in the page: pipeline preprocess (on the caller's turn) → ORT Web
 * {@code session.run} → pipeline postprocess (chained on its promise). No green thread.
 */
final class PageRunner implements Runner {
    private static final Function<Prepared, Runnable> NOTHING = prepared -> () -> { };

    private final Ort ort;
    private final InferenceSession session;
    private final TaskPipeline pipeline;
    private final List<String> outputNames;
    /** Test-only: the message of a failure to raise on the next run (see {@code _simulateFailure}); null normally. */
    private String simulatedFailure;
    /** Shown the tensors of each page prediction (not warm-ups); its action runs on success. None by default. */
    private Function<Prepared, Runnable> inputs = NOTHING;

    /** The shared pipeline's own sample input: what warm-up runs time. */
    ModelInput sampleInput() {
        return pipeline.sampleInput();
    }

    PageRunner(Ort ort, InferenceSession session, TaskPipeline pipeline, List<String> outputNames, String simulatedFailure) {
        this.simulatedFailure = simulatedFailure;
        this.ort = ort;
        this.session = session;
        this.pipeline = pipeline;
        this.outputNames = outputNames;
    }

    @Override
    public JSPromise<JSObject> predict(ModelInput input) {
        if (simulatedFailure != null) {
            throw new TandemException("runtime", simulatedFailure);
        }
        return run(input, inputs);
    }

    @Override
    public void observeInputs(Function<Prepared, Runnable> measure) {
        this.inputs = measure;
    }

    /** A prediction for {@code auto}'s warm-up: the test-only simulated failure is meant for the page's predictions. */
    JSPromise<JSObject> warmUp(ModelInput input) {
        return run(input, NOTHING);
    }

    private JSPromise<JSObject> run(ModelInput input, Function<Prepared, Runnable> measure) {
        Prepared prepared = pipeline.preprocess(input);
        Runnable onSuccess = measure.apply(prepared);
        JSObject feeds = OrtTensors.feeds(ort, prepared.feeds());
        JSPromise<JSObject> run = Async.failingAs(session.run(feeds), "runtime", "running the model");
        return Async.map(run, results -> {
            JSObject result = postprocess(prepared, results);
            onSuccess.run();
            return result;
        });
    }

    private JSObject postprocess(Prepared prepared, JSObject results) {
        Map<String, Tensor> outputs = OrtTensors.outputs(results, outputNames);
        Object value = pipeline.postprocess(prepared, outputs);
        JSObject result = Js.newObject();
        // The pipeline's JSON-ready value, the same shape the server sends, built as JavaScript values.
        Js.put(result, "output", JsonValues.toJs(value));
        return result;
    }

    @Override
    public void close() {
        session.release();
    }
}
