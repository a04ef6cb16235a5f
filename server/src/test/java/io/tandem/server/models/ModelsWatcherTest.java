package io.tandem.server.models;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The watcher's one thread: it outlives whatever a pass throws, and stops when told to. */
class ModelsWatcherTest {
    @Test
    void aPassThatThrowsDoesNotStopTheNextOnes() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch later = new CountDownLatch(1);
        try (ModelsWatcher watcher = new ModelsWatcher(() -> {
            switch (passes.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("a bad pass");
                case 2 -> throw new OutOfMemoryError("a worse pass");
                case 3 -> throw new StackOverflowError();
                default -> later.countDown();
            }
        }, Duration.ofMillis(10))) {
            watcher.start();
            assertThat(later.await(10, TimeUnit.SECONDS)).as("passes after the failing ones").isTrue();
        }
    }

    @Test
    void closingStopsThePasses() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        ModelsWatcher watcher = new ModelsWatcher(passes::incrementAndGet, Duration.ofMillis(10));
        watcher.start();
        watcher.start();
        Thread.sleep(100);
        watcher.close();
        int after = passes.get();
        assertThat(after).isPositive();
        Thread.sleep(100);
        assertThat(passes.get()).isEqualTo(after);
        watcher.start();
        Thread.sleep(50);
        assertThat(passes.get()).as("not restarted once closed").isEqualTo(after);
    }

    @Test
    void aZeroPeriodWatchesNothing() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        try (ModelsWatcher watcher = new ModelsWatcher(passes::incrementAndGet, Duration.ZERO)) {
            watcher.start();
            Thread.sleep(100);
        }
        assertThat(passes.get()).isZero();
    }
}
