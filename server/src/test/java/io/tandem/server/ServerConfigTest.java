package io.tandem.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @Test
    void defaultsAreTheLocalDemo() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.inference()).isEqualTo(ServerConfig.Inference.defaults());
        assertThat(c.cache().enabled()).isTrue();
        assertThat(c.access().keysRequired()).isFalse();
        assertThat(c.access().perIp().enabled()).isFalse();
        assertThat(c.access().adminKeys()).as("the admin API is off by default").isEmpty();
        assertThat(c.jobs()).isEqualTo(ServerConfig.Jobs.defaults());
    }

    @Test
    void everySettingComesFromTheEnvironment() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.ofEntries(
                Map.entry("TANDEM_BATCHING", "off"), Map.entry("TANDEM_BATCH_MAX_SIZE", "8"),
                Map.entry("TANDEM_BATCH_MAX_DELAY_MS", "3"), Map.entry("TANDEM_QUEUE_CAPACITY", "50"),
                Map.entry("TANDEM_INFERENCE_WORKERS", "2"), Map.entry("TANDEM_REQUEST_TIMEOUT_MS", "1500"),
                Map.entry("TANDEM_CACHE_MAX_MB", "0"), Map.entry("TANDEM_API_KEYS", " a, b ,,"),
                Map.entry("TANDEM_RATE_LIMIT_PER_KEY", "600"), Map.entry("TANDEM_RATE_LIMIT_PER_IP", "60"),
                Map.entry("TANDEM_JOB_QUEUE_CAPACITY", "4"), Map.entry("TANDEM_JOB_WORKERS", "2"),
                Map.entry("TANDEM_JOB_MAX_INPUTS", "10"), Map.entry("TANDEM_JOB_TTL_S", "30"),
                Map.entry("TANDEM_JOBS_KEPT", "8"), Map.entry("TANDEM_ADMIN_KEYS", "ops")));
        assertThat(c.inference()).isEqualTo(new ServerConfig.Inference(false, 8, Duration.ofMillis(3), 50, 2, Duration.ofMillis(1500)));
        assertThat(c.inference().effectiveBatchSize()).isEqualTo(1);
        assertThat(c.cache().enabled()).isFalse();
        assertThat(c.access().apiKeys()).isEqualTo(Set.of("a", "b"));
        assertThat(c.access().adminKeys()).isEqualTo(Set.of("ops"));
        assertThat(c.access().perKey()).isEqualTo(ServerConfig.RateLimit.perMinute(600));
        assertThat(c.access().perIp()).isEqualTo(ServerConfig.RateLimit.perMinute(60));
        assertThat(c.jobs()).isEqualTo(new ServerConfig.Jobs(4, 2, 10, Duration.ofSeconds(30), 8));
    }

    @Test
    void theHostileCallerBoundsComeFromTheEnvironment() {
        ServerConfig d = ServerConfig.fromEnvironment(Map.of());
        assertThat(d.maxImagePixels()).isEqualTo(2048L * 2048);
        assertThat(d.connections()).isEqualTo(ServerConfig.Connections.defaults());
        assertThat(d.jobs().maxPerClient()).isEqualTo(2);
        ServerConfig c = ServerConfig.fromEnvironment(Map.of("TANDEM_MAX_IMAGE_PIXELS", "10000",
                "TANDEM_IDLE_TIMEOUT_S", "5", "TANDEM_MAX_CONNECTIONS", "10", "TANDEM_MIN_BODY_BYTES_PER_S", "0",
                "TANDEM_JOB_MAX_PER_CLIENT", "3", "TANDEM_MAX_REQUEST_BYTES", "5000000000"));
        assertThat(c.maxImagePixels()).isEqualTo(10_000);
        assertThat(c.connections()).isEqualTo(new ServerConfig.Connections(Duration.ofSeconds(5), 10, 0));
        assertThat(c.jobs().maxPerClient()).isEqualTo(3);
        assertThat(c.maxRequestBytes()).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_JOB_MAX_PER_CLIENT", "0")))
                .hasMessageContaining("TANDEM_JOB_MAX_PER_CLIENT must be at least 1");
    }

    @Test
    void badValuesSayWhichVariableAndWhy() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_BATCHING", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TANDEM_BATCHING must be true or false");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_QUEUE_CAPACITY", "0")))
                .hasMessageContaining("TANDEM_QUEUE_CAPACITY must be at least 1");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_BATCH_MAX_SIZE", "many")))
                .hasMessageContaining("TANDEM_BATCH_MAX_SIZE must be a whole number");
    }
}
