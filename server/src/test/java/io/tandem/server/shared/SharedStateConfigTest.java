package io.tandem.server.shared;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared-state settings: one machine by default, Redis by URL, mistakes named in one line. */
class SharedStateConfigTest {
    @Test
    void withoutARedisUrlStateStaysInTheProcess() {
        SharedStateConfig c = SharedStateConfig.fromEnvironment(Map.of());
        assertThat(c.enabled()).isFalse();
        assertThat(c.prefix()).isEqualTo("tandem");
        assertThat(c.instanceId()).matches("[A-Za-z0-9._:-]+-[0-9]+-[0-9a-f]{8}");
        assertThat(SharedStateConfig.fromEnvironment(Map.of()).instanceId()).as("a restart never takes a dead process's name")
                .isNotEqualTo(c.instanceId());
    }

    @Test
    void aRedisUrlAndTheJobSettingsAreRead() {
        SharedStateConfig c = SharedStateConfig.fromEnvironment(Map.of("TANDEM_REDIS_URL", "redis://cache.internal:6380/2",
                "TANDEM_INSTANCE_ID", "pod-7", "TANDEM_JOB_VISIBILITY_TIMEOUT_S", "30", "TANDEM_JOB_MAX_ATTEMPTS", "5",
                "TANDEM_CACHE_TTL_S", "120", "TANDEM_REDIS_PREFIX", "shop"));
        assertThat(c.enabled()).isTrue();
        assertThat(c.redisUrl()).isEqualTo(URI.create("redis://cache.internal:6380/2"));
        assertThat(c.instanceId()).isEqualTo("pod-7");
        assertThat(c.jobVisibility()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.jobMaxAttempts()).isEqualTo(5);
        assertThat(c.cacheTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.prefix()).isEqualTo("shop");
    }

    @Test
    void mistakesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> SharedStateConfig.fromEnvironment(Map.of("TANDEM_REDIS_URL", "http://redis:6379")))
                .hasMessageContaining("TANDEM_REDIS_URL must be redis://");
        assertThatThrownBy(() -> SharedStateConfig.fromEnvironment(Map.of("TANDEM_REDIS_CACHE_URL", "redis://c:6379")))
                .hasMessageContaining("needs TANDEM_REDIS_URL");
        assertThatThrownBy(() -> SharedStateConfig.fromEnvironment(Map.of("TANDEM_JOB_MAX_ATTEMPTS", "many")))
                .hasMessageContaining("TANDEM_JOB_MAX_ATTEMPTS must be a whole number");
        assertThatThrownBy(() -> SharedStateConfig.fromEnvironment(Map.of("TANDEM_JOB_VISIBILITY_TIMEOUT_S", "1")))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> SharedStateConfig.fromEnvironment(Map.of("TANDEM_REDIS_PREFIX", "a b")))
                .hasMessageContaining("TANDEM_REDIS_PREFIX");
    }

    @Test
    void aPasswordNeverShowsInLogsOrReady() {
        assertThat(SharedStateConfig.redacted(URI.create("redis://app:s3cret@redis:6379/0"))).isEqualTo("redis://***@redis:6379/0")
                .doesNotContain("s3cret");
    }
}
