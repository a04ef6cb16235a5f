package io.tandem.server.jobs;

import io.tandem.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientQuotaTest {
    @Test
    void eachClientHoldsAtMostItsShare() {
        ClientQuota q = new ClientQuota(2);
        assertThat(q.tryAcquire("a")).isTrue();
        assertThat(q.tryAcquire("a")).isTrue();
        assertThat(q.tryAcquire("a")).isFalse();
        assertThat(q.tryAcquire("b")).isTrue();
        q.release("a");
        assertThat(q.tryAcquire("a")).isTrue();
        q.release("a");
        q.release("a");
        q.release("b");
        assertThat(q.active("a")).isZero();
        assertThat(q.active("b")).isZero();
    }

    @Test
    void theQueueRefusesAClientOverItsShareAndFreesTheSlotWhenAJobEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (JobQueue jobs = new JobQueue(new ServerConfig.Jobs(16, 1, 10, Duration.ofMinutes(1), 64, 2),
                f -> new String[]{"internal_error", "x"}, System::nanoTime)) {
            Job first = jobs.submit("ip:1", "m", List.of(1), x -> release.await(10, TimeUnit.SECONDS), () -> { });
            jobs.submit("ip:1", "m", List.of(1), x -> x, () -> { });
            assertThatThrownBy(() -> jobs.submit("ip:1", "m", List.of(1), x -> x, () -> { }))
                    .isInstanceOf(TooManyJobsException.class).hasMessageContaining("2 jobs");
            // another caller is not held up by the first one's share
            jobs.submit("ip:2", "m", List.of(1), x -> x, () -> { });
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!first.finished() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            jobs.submit("ip:1", "m", List.of(1), x -> x, () -> { });
        }
    }
}
