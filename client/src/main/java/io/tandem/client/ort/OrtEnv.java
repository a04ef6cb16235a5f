package io.tandem.client.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code ort.env}: global settings, read when the first session is created. */
public interface OrtEnv extends JSObject {
    @JSProperty
    Wasm getWasm();

    /** {@code 'verbose'}, {@code 'info'}, {@code 'warning'}, {@code 'error'} or {@code 'fatal'}. */
    @JSProperty
    void setLogLevel(String level);

    /** {@code ort.env.wasm}. */
    interface Wasm extends JSObject {
        /** Where the runtime's {@code .mjs} loader and {@code .wasm} binary are fetched from (a folder URL). */
        @JSProperty
        void setWasmPaths(String prefix);

        @JSProperty
        int getNumThreads();

        /** Threads for the WASM runtime; more than one needs cross-origin isolation. */
        @JSProperty
        void setNumThreads(int threads);

        /** Runs the WASM runtime in ORT Web's proxy worker, off the page's main thread. */
        @JSProperty
        void setProxy(boolean proxy);

        @JSProperty
        boolean getProxy();
    }
}
