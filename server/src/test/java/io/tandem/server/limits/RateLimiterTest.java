package io.tandem.server.limits;

import io.tandem.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    @Test
    void allowsABurstThenRefillsEvenlyPerCaller() {
        AtomicLong now = new AtomicLong(1_000);
        RateLimiter limiter = new RateLimiter(new ServerConfig.RateLimit(3, Duration.ofSeconds(30)), 100, now::get);
        assertThat(limiter.retryAfterSeconds("a")).isZero();
        assertThat(limiter.retryAfterSeconds("a")).isZero();
        assertThat(limiter.retryAfterSeconds("a")).isZero();
        assertThat(limiter.retryAfterSeconds("a")).isEqualTo(10);   // one token per 10 s
        assertThat(limiter.retryAfterSeconds("b")).as("another caller has its own bucket").isZero();
        now.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertThat(limiter.retryAfterSeconds("a")).isEqualTo(1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(limiter.retryAfterSeconds("a")).isZero();
    }

    @Test
    void aZeroLimitIsOff() {
        RateLimiter limiter = new RateLimiter(ServerConfig.RateLimit.off());
        assertThat(limiter.enabled()).isFalse();
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.retryAfterSeconds("x")).isZero();
        }
    }
}
