package io.tandem.server.inference;

import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue mechanics with a fake model: a runner that doubles its input, or one that blocks. */
class BatcherTest {
    private static ServerConfig.Inference config(boolean batching, int maxBatch, int delayMs, int capacity, int timeoutMs) {
        return new ServerConfig.Inference(batching, maxBatch, Duration.ofMillis(delayMs), capacity, 1, Duration.ofMillis(timeoutMs));
    }

    private static Prepared row(float value) {
        return new Prepared(Map.of("x", Tensor.ofFloats(new int[]{1, 1}, new float[]{value})));
    }

    private static Map<String, Tensor> doubled(Prepared batch) {
        float[] in = batch.feed("x").floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * 2;
        }
        return Map.of("y", Tensor.ofFloats(new int[]{in.length, 1}, out));
    }

    @Test
    void gathersConcurrentRequestsIntoOneRunAndGivesEachItsOwnRow() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (Batcher b = new Batcher("fake", BatcherTest::doubled, config(true, 8, 200, 64, 5_000), (n, ns) -> sizes.add(n));
             var pool = new Closing(Executors.newFixedThreadPool(8))) {
            List<Future<Float>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                float v = i;
                results.add(pool.executor.submit(() -> b.run(row(v)).outputs().get("y").floats()[0]));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(2f * i);
            }
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).as("batch sizes %s", sizes).isGreaterThan(1);
    }

    @Test
    void withBatchingOffEveryRunHasOneRow() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (Batcher b = new Batcher("fake", BatcherTest::doubled, config(false, 8, 200, 64, 5_000), (n, ns) -> sizes.add(n));
             var pool = new Closing(Executors.newFixedThreadPool(4))) {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.executor.submit(() -> b.run(row(1))));
            }
            for (Future<?> f : results) {
                f.get(5, TimeUnit.SECONDS);
            }
        }
        assertThat(sizes).hasSize(6).containsOnly(1);
    }

    @Test
    void aFullQueueIsRefusedAtOnceWithARetryHint() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Batcher.Runner blocking = batch -> {
            started.countDown();
            await(release);
            return doubled(batch);
        };
        try (Batcher b = new Batcher("fake", blocking, config(false, 1, 0, 2, 10_000), Batcher.Listener.NONE);
             var pool = new Closing(Executors.newFixedThreadPool(3))) {
            Future<?> running = pool.executor.submit(() -> b.run(row(1)));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> q1 = pool.executor.submit(() -> b.run(row(2)));
            Future<?> q2 = pool.executor.submit(() -> b.run(row(3)));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (b.queueDepth() < 2 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(b.queueDepth()).isEqualTo(2);
            assertThatThrownBy(() -> b.run(row(4)))
                    .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.retryAfterSeconds()).isPositive())
                    .hasMessageContaining("2 requests waiting");
            release.countDown();
            running.get(5, TimeUnit.SECONDS);
            q1.get(5, TimeUnit.SECONDS);
            q2.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestThatOutlivesItsTimeLimitFailsAndIsNotRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Float> ran = new CopyOnWriteArrayList<>();
        Batcher.Runner blocking = batch -> {
            ran.add(batch.feed("x").floats()[0]);
            started.countDown();
            await(release);
            return doubled(batch);
        };
        try (Batcher b = new Batcher("fake", blocking, config(false, 1, 0, 8, 100), Batcher.Listener.NONE);
             var pool = new Closing(Executors.newFixedThreadPool(2))) {
            Future<?> first = pool.executor.submit(() -> b.run(row(1)));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> b.run(row(2)))
                    .isInstanceOf(InferenceTimeoutException.class).hasMessageContaining("100 ms");
            release.countDown();
            // The first one is past its limit too; whether its caller noticed first is up to the scheduler.
            try {
                first.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e).hasCauseInstanceOf(InferenceTimeoutException.class);
            }
            Thread.sleep(100);
        }
        assertThat(ran).containsExactly(1f);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An executor closed by try-with-resources (Java 17 has no ExecutorService.close). */
    private record Closing(ExecutorService executor) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
