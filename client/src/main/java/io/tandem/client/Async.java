package io.tandem.client;

import io.tandem.client.browser.Js;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExceptions;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

import java.util.concurrent.Callable;

/**
 * The bridge between the page's promises and the client's Java. Two styles: work that awaits
 * (loading: downloads, the cache, session creation) runs in a TeaVM green thread ({@link #call})
 * and reads promises with {@link #await}; work on the hot path (every prediction) is chained on
 * promises ({@link #start}, {@link #map}, {@link #failingAs}) and never suspends, because TeaVM
 * starts and resumes green threads with {@code setTimeout(0)}, which browsers delay to 4 ms once
 * such timers nest. Either way a failure settles the promise with a JavaScript {@code Error}
 * (a {@code TandemError} with a {@code code}) whose message says what went wrong.
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
     * Runs {@code body} on the caller's turn and returns the promise it makes; an exception it
     * throws before making one becomes a rejected promise. {@code body} must not suspend.
     */
    static <T> JSPromise<T> start(Callable<JSPromise<T>> body) {
        try {
            return body.call();
        } catch (Throwable e) {
            return JSPromise.reject(toJsError(e));
        }
    }

    /** A step run when {@code promise} fulfils (in a microtask, no green thread). */
    interface Step<T, R> {
        R apply(T value);
    }

    /**
     * {@code promise.then(step)}, where an exception the step throws rejects with a
     * {@code TandemError} (rather than a Java exception object the page cannot read).
     */
    static <T, R> JSPromise<R> map(JSPromise<T> promise, Step<T, R> step) {
        return promise.flatThen(value -> {
            try {
                return JSPromise.resolve(step.apply(value));
            } catch (Throwable e) {
                return JSPromise.reject(toJsError(e));
            }
        });
    }

    /** The code of a rejection made by this class ({@code error.code}), or null. */
    static String codeOf(Object rejection) {
        return Js.stringProperty((JSObject) rejection, "code");
    }

    /** The message of a rejection, as {@link Js#messageOf} reads it. */
    static String messageOf(Object rejection) {
        return Js.messageOf((JSObject) rejection);
    }

    /**
     * The same promise, but a rejection becomes a {@code TandemError} with {@code code} and the
     * message {@code doing + ": " + reason} (the reason kept as its {@code cause}): the promise
     * counterpart of {@link #await}'s {@link JsFailure}.
     */
    @JSBody(params = {"promise", "code", "doing"}, script = "return promise.catch(function (reason) {"
            + " var error = new Error(doing + ': ' + " + Js.DESCRIBE + "(reason), {cause: reason});"
            + " error.name = 'TandemError'; error.code = code; throw error; });")
    static native <T> JSPromise<T> failingAs(JSPromise<T> promise, String code, String doing);

    /**
     * The promise's value; a rejection becomes a {@link JsFailure} whose message starts with
     * {@code doing} ("fetching /models/x/manifest.json: Failed to fetch") and keeps the rejection
     * as its cause.
     *
     * <p>The promise is first made one that never rejects ({@link #settle}): TeaVM 0.16's
     * {@code JSPromise.await()} turns a rejection by any JavaScript value that is not a Java
     * exception into a {@code new RuntimeException()} — no message, no cause — which reached pages
     * as {@code "Error: null"}.
     */
    static <T> T await(JSPromise<T> promise, String code, String doing) {
        Settled<T> outcome = settle(promise).await();
        if (outcome.isRejected()) {
            JSObject reason = outcome.getReason();
            throw new JsFailure(code, doing + ": " + Js.describe(reason), reason);
        }
        return outcome.getValue();
    }

    /** A settled promise: {@code {rejected, value, reason}}. */
    interface Settled<T> extends JSObject {
        @JSProperty
        boolean isRejected();

        @JSProperty
        T getValue();

        @JSProperty
        JSObject getReason();
    }

    @JSBody(params = "promise", script = "return promise.then(function (value) { return {rejected: false, value: value}; },"
            + " function (reason) { return {rejected: true, reason: reason}; });")
    private static native <T> JSPromise<Settled<T>> settle(JSPromise<T> promise);

    /** How TeaVM's wrapper of a JavaScript error thrown through Java code starts its message. */
    private static final String THROWN_BY_JS = "(JavaScript) ";

    static JSObject toJsError(Throwable e) {
        JSObject cause = e instanceof JsFailure ? ((JsFailure) e).jsError() : null;
        String message = TandemException.messageOf(e);
        if (message.startsWith(THROWN_BY_JS)) {
            // A JavaScript error thrown through Java code: TeaVM wraps it in a Java exception whose
            // message is "(JavaScript) " + String(error). The page gets the error's own message.
            cause = JSExceptions.getJSException(e);
            message = Js.describe(cause);
        }
        JSObject error = Js.error(message, TandemException.codeOf(e), cause);
        if (e instanceof TandemException && ((TandemException) e).status() != 0) {
            Js.put(error, "status", ((TandemException) e).status());
        }
        return error;
    }
}
