package io.tandem.client.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.core.JSUndefined;

/** {@code ort.InferenceSession}: one loaded model. */
public interface InferenceSession extends JSObject {
    /** @param feeds an object mapping input names to {@link OrtTensor}s; resolves to output name → tensor */
    JSPromise<JSObject> run(JSObject feeds);

    JSPromise<JSUndefined> release();

    @JSProperty
    JSArrayReader<JSString> getInputNames();

    @JSProperty
    JSArrayReader<JSString> getOutputNames();
}
