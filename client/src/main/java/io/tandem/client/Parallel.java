package io.tandem.client;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

import java.util.function.Supplier;

/**
 * Work that awaits (a download) started in its own green thread, so that the caller's thread
 * awaits something else meanwhile; {@link #join} gives its value or throws the exception it threw,
 * unchanged (code and message), rather than one wrapped by a promise's rejection.
 */
final class Parallel<T> {
    private T value;
    private Throwable failure;
    private final JSPromise<JSObject> done;

    private Parallel(Supplier<T> body) {
        done = new JSPromise<>((resolve, reject) -> new Thread(() -> {
            try {
                value = body.get();
            } catch (Throwable e) {
                failure = e; // anything, or join() would wait for ever
            }
            resolve.accept(null);
        }).start());
    }

    static <T> Parallel<T> start(Supplier<T> body) {
        return new Parallel<>(body);
    }

    /** Waits for the work: its value, or the exception it threw. */
    T join() {
        Async.await(done, "internal", "waiting for a download");
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return value;
    }
}
