package io.tandem.server.jobs;

import io.tandem.pipeline.task.InvalidInputException;
import io.tandem.server.ServerConfig;
import io.tandem.server.http.JobRoutes;
import io.tandem.server.inference.OverloadedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job life cycle with fake work and a fake clock: success, failure, expiry, the queue bound. */
class JobQueueTest {
    private final AtomicLong now = new AtomicLong();

    private JobQueue queue(int capacity, int kept) {
        return new JobQueue(new ServerConfig.Jobs(capacity, 1, 100, Duration.ofSeconds(60), kept), JobRoutes::describe, now::get);
    }

    private static Job await(Job job) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!job.finished() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        return job;
    }

    @Test
    void aJobRunsEveryInputAndKeepsItsResultsUntilItsTimeToLiveHasPassed() throws Exception {
        try (JobQueue jobs = queue(4, 10)) {
            Job job = jobs.submit("m", List.of(1, 2, 3), x -> x * 10);
            await(job);
            Map<String, Object> json = job.toJson();
            assertThat(json.get("state")).isEqualTo("succeeded");
            assertThat(json.get("results")).isEqualTo(List.of(10, 20, 30));
            assertThat(json.get("progress")).isEqualTo(Map.of("done", 3, "total", 3));
            now.addAndGet(Duration.ofSeconds(59).toNanos());
            assertThat(jobs.find(job.id())).isPresent();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(jobs.find(job.id())).isEmpty();
        }
    }

    @Test
    void aFailingInputFailsTheJobWithAClearError() throws Exception {
        try (JobQueue jobs = queue(4, 10)) {
            Job job = jobs.submit("m", List.of(1, 2, 3), x -> {
                if (x == 2) {
                    throw new InvalidInputException("input 2 is no good");
                }
                return x;
            });
            Map<String, Object> json = await(job).toJson();
            assertThat(json.get("state")).isEqualTo("failed");
            assertThat(json.get("error")).isEqualTo(Map.of("error", "invalid_input", "message", "input 2 is no good"));
            assertThat(json).doesNotContainKey("results");
            Job crash = await(jobs.submit("m", List.of(1), x -> {
                throw new IllegalStateException("secret internals");
            }));
            assertThat(crash.toJson().get("error").toString()).contains("internal_error").doesNotContain("secret");
        }
    }

    @Test
    void theQueueIsBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (JobQueue jobs = queue(1, 10)) {
            Job running = jobs.submit("m", List.of(1), x -> release.await(10, TimeUnit.SECONDS));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (running.state() != Job.State.RUNNING && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Job queued = jobs.submit("m", List.of(1), x -> x);
            assertThat(queued.toJson().get("state")).isEqualTo("queued");
            assertThatThrownBy(() -> jobs.submit("m", List.of(1), x -> x))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("jobs are waiting");
            release.countDown();
            await(queued);
            assertThat(queued.state()).isEqualTo(Job.State.SUCCEEDED);
        }
    }
}
