package io.tandem.server.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One asynchronous job: its inputs' results as they come, and its state. Thread-safe. */
public final class Job implements JobView {
    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    private final String id;
    private final String model;
    private final int total;
    private final long createdMillis;
    private final List<Object> results = new ArrayList<>();
    private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();
    private State state = State.QUEUED;
    private String errorCode;
    private String errorMessage;
    private long finishedNanos;
    private long finishedMillis;

    Job(String id, String model, int total, long createdMillis) {
        this.id = id;
        this.model = model;
        this.total = total;
        this.createdMillis = createdMillis;
    }

    @Override
    public String id() {
        return id;
    }

    public synchronized State state() {
        return state;
    }

    /**
     * Calls {@code listener} on every change (state or progress) from now on, on the job's thread;
     * the caller reads the current state itself first. Returns a handle that stops the calls.
     */
    public Runnable listen(Consumer<Job> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed() {
        for (Consumer<Job> l : listeners) {
            l.accept(this);
        }
    }

    void running() {
        synchronized (this) {
            state = State.RUNNING;
        }
        changed();
    }

    void add(Object result) {
        synchronized (this) {
            results.add(result);
        }
        changed();
    }

    void succeeded(long nanos, long millis) {
        synchronized (this) {
            state = State.SUCCEEDED;
            finished(nanos, millis);
        }
        changed();
        listeners.clear();
    }

    void failed(String code, String message, long nanos, long millis) {
        synchronized (this) {
            state = State.FAILED;
            errorCode = code;
            errorMessage = message;
            results.clear();
            finished(nanos, millis);
        }
        changed();
        listeners.clear();
    }

    @Override
    public synchronized Map<String, Object> progressJson() {
        return json().progressOnly();
    }

    private void finished(long nanos, long millis) {
        finishedNanos = nanos;
        finishedMillis = millis;
    }

    @Override
    public synchronized boolean finished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }

    /** Finished before {@code cutoffNanos} (results are dropped then). */
    synchronized boolean finishedBefore(long cutoffNanos) {
        return finished() && finishedNanos - cutoffNanos < 0;
    }

    /** The JSON the API returns: state, progress, and the results or the error once finished. */
    @Override
    public synchronized Map<String, Object> toJson() {
        return json().full();
    }

    /** A snapshot; the results are copied only once they are shown (a push on every input must not copy them). */
    private synchronized JobJson json() {
        List<Object> shown = state == State.SUCCEEDED ? Collections.unmodifiableList(new ArrayList<>(results)) : List.of();
        return new JobJson(id, model, state, results.size(), total, createdMillis, finishedMillis, shown, errorCode, errorMessage);
    }
}
