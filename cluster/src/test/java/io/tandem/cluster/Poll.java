package io.tandem.cluster;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asking again until an answer is the expected one, or time is up. */
final class Poll {
    private Poll() {
    }

    /**
     * Calls {@code probe} every {@code every} until {@code done} holds or {@code timeout} has
     * passed, and returns the last answer either way: the test asserts on it, so a timeout fails
     * with what was last seen.
     */
    static <T> T until(Duration timeout, Duration every, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = probe.get();
        }
        return last;
    }

    /** Until a job reads {@code succeeded} or {@code failed}. */
    static Reply untilJobFinished(Api api, String location, Duration timeout) {
        return until(timeout, Duration.ofMillis(200), () -> api.get(location), Poll::finished);
    }

    static boolean finished(Reply job) {
        String state = job.json().path("state").asText();
        return state.equals("succeeded") || state.equals("failed");
    }
}
