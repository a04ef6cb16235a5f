package io.tandem.cluster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's limit is the cluster's, not each instance's: with N per minute, N requests spread over
 * two instances pass and the next is refused wherever it lands. A cluster of its own: the limit
 * counts every guarded request of a key, job polls included, and would trip the other tests.
 */
class RateLimitAcrossInstancesTest extends ClusterTestBase {
    private static final int PER_MINUTE = 10;


    @BeforeAll
    void start() {
        cluster = Cluster.named("rate-limit").bundles("penguins")
                .env("TANDEM_API_KEYS", "limited,other")
                .env("TANDEM_RATE_LIMIT_PER_KEY", Integer.toString(PER_MINUTE))
                .start("a", "b");
    }

    @Test
    void aKeysLimitHoldsAcrossInstances() throws InterruptedException {
        awayFromAMinuteBoundary();
        for (int i = 0; i < PER_MINUTE; i++) {
            String id = i % 2 == 0 ? "a" : "b";
            Reply r = cluster.api(id).key("limited").predict("penguins", Inputs.penguin(80_000 + i));
            assertThat(r.status()).as("request %d of %d, on %s: %s", i + 1, PER_MINUTE, id, r).isEqualTo(200);
        }
        for (String id : new String[]{"a", "b"}) {
            Reply over = cluster.api(id).key("limited").predict("penguins", Inputs.penguin(81_000));
            assertThat(over.status()).as("request %d on %s: %s", PER_MINUTE + 1, id, over).isEqualTo(429);
            assertThat(over.json().path("error").asText()).isEqualTo("too_many_requests");
            assertThat(over.header("Retry-After")).as("Retry-After on %s", over).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v.trim())).isBetween(1L, 60L));
        }
        Reply otherKey = cluster.api("b").key("other").predict("penguins", Inputs.penguin(82_000));
        assertThat(otherKey.status()).as("another key has its own limit: %s", otherKey).isEqualTo(200);
    }

    /**
     * A limiter counting in fixed minute windows would let a burst that straddles a minute pass
     * twice over; starting a few seconds past the boundary makes the test mean the same under a
     * token bucket, a sliding window or a fixed one.
     */
    static void awayFromAMinuteBoundary() throws InterruptedException {
        int second = LocalTime.now().getSecond();
        if (second >= 50) {
            Thread.sleep((62 - second) * 1000L);
        }
    }
}
