package io.tandem.testkit;

/** Waiting between polls of a process that is starting; an interrupt ends the wait and the caller's work. */
final class Pause {
    private Pause() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
