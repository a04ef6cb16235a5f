package io.tandem.client;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

import java.util.function.Function;

/** Runs a model somewhere: in the page with ONNX Runtime Web, or on the server. */
interface Runner {
    /**
     * Starts one prediction on the caller's turn and returns its promise. Must not suspend (no
     * green thread, no {@code Async.await}): what runs in the page before the model (preprocessing,
     * tensors) runs synchronously here, and the rest is chained on the runtime's or the network's
     * promise — a green thread would add TeaVM's {@code setTimeout(0)}, which browsers clamp to
     * 4 ms, to every prediction.
     *
     * @return fulfils with a fresh result object holding at least {@code output}; rejects with a
     *         {@code TandemError} whose {@code code} says what failed ({@code runtime} when the
     *         runtime itself failed, which lets the model fall back). May also throw a
     *         {@link TandemException} before the promise exists (bad input); callers treat both alike.
     */
    JSPromise<JSObject> predict(ModelInput input);

    /**
     * Shows {@code measure} the tensors of each prediction that runs in the page, before they go to
     * the runtime (ONNX Runtime Web's worker takes their buffers), and runs the action it returns
     * once the prediction succeeded: the {@code shareStats} counts, without preprocessing an input
     * twice. A runner that prepares nothing in the page (the server's) ignores it.
     */
    default void observeInputs(Function<Prepared, Runnable> measure) {
    }

    /** Frees what the runner holds; awaits nothing the page must wait for. */
    void close();
}
