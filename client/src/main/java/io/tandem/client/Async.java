package io.tandem.client;

import io.tandem.client.browser.Js;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExceptions;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

import java.util.concurrent.Callable;

/**
 * The bridge between the page's promises and the client's straight-line Java: each exported call
 * runs in its own TeaVM green thread, awaits promises where it needs their value, and settles
 * one promise, rejected with a JavaScript {@code Error} whose message says what went wrong.
 */
final class Async {
    private Async() {
    }

    /** Runs {@code body} in a new green thread; its value fulfils the promise, its exception rejects it. */
    static <T> JSPromise<T> call(Callable<T> body) {
        return new JSPromise<>((resolve, reject) -> new Thread(() -> {
            T value;
            try {
                value = body.call();
            } catch (Throwable e) {
                reject.accept(toJsError(e));
                return;
            }
            resolve.accept(value);
        }).start());
    }

    /**
     * Runs {@code body} right now, on the caller's turn, for work that awaits nothing: no green
     * thread is started, because TeaVM starts one with {@code setTimeout(0)}, which browsers delay
     * to 4 ms once such timers nest — a floor under every call a page makes in a loop.
     */
    static <T> JSPromise<T> now(Callable<T> body) {
        try {
            return JSPromise.resolve(body.call());
        } catch (Throwable e) {
            return JSPromise.reject(toJsError(e));
        }
    }

    /**
     * The promise's value; a rejection becomes a {@link JsFailure} whose message starts with
     * {@code doing} ("fetching /models/x/model.onnx: Failed to fetch").
     */
    static <T> T await(JSPromise<T> promise, String code, String doing) {
        try {
            return errorsAsErrors(promise).await();
        } catch (Throwable t) {
            JSObject js = JSExceptions.getJSException(t);
            throw new JsFailure(code, doing + ": " + Js.messageOf(js), js);
        }
    }

    /**
     * The same promise, but a rejection with something other than an {@code Error} (ORT Web's proxy
     * worker rejects with strings) becomes an {@code Error} with that text, which TeaVM would
     * otherwise replace with a message-less exception.
     */
    @JSBody(params = "promise", script = "return promise.catch(function (reason) {"
            + " if (reason instanceof Error) throw reason;"
            + " var text; try { text = typeof reason === 'string' ? reason : JSON.stringify(reason); } catch (ignored) { text = String(reason); }"
            + " throw new Error(text); });")
    private static native <T> JSPromise<T> errorsAsErrors(JSPromise<T> promise);

    static JSObject toJsError(Throwable e) {
        JSObject cause = e instanceof JsFailure ? ((JsFailure) e).jsError() : null;
        JSObject error = Js.error(TandemException.messageOf(e), TandemException.codeOf(e), cause);
        if (e instanceof TandemException && ((TandemException) e).status() != 0) {
            Js.put(error, "status", ((TandemException) e).status());
        }
        return error;
    }
}
