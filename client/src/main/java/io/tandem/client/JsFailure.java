package io.tandem.client;

import org.teavm.jso.JSObject;

/** A rejected JavaScript promise or thrown JavaScript error, kept as the cause of the page's error. */
final class JsFailure extends TandemException {
    private final transient JSObject jsError;

    JsFailure(String code, String message, JSObject jsError) {
        super(code, message);
        this.jsError = jsError;
    }

    JSObject jsError() {
        return jsError;
    }
}
