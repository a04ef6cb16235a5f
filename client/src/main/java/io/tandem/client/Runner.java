package io.tandem.client;

import io.tandem.pipeline.task.ModelInput;
import org.teavm.jso.JSObject;

/** Runs a model somewhere: in the page with ONNX Runtime Web, or on the server. */
interface Runner {
    /**
     * Runs one prediction in the calling green thread (it may await).
     *
     * @return a fresh result object holding at least {@code output}
     */
    JSObject predict(ModelInput input);

    /** Frees what the runner holds; awaits nothing the page must wait for. */
    void close();
}
