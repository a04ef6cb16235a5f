package io.tandem.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code TANDEM_MODELS_RESCAN_SECONDS} and {@code TANDEM_MAX_MODELS}. */
class ModelsConfigTest {
    @Test
    void theDefaultsWatchEveryFiveSecondsForUpToSixtyFourModels() {
        ServerConfig.Models m = ServerConfig.fromEnvironment(Map.of()).models();
        assertThat(m).isEqualTo(ServerConfig.Models.defaults());
        assertThat(m.rescanPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(m.maxModels()).isEqualTo(64);
        assertThat(ServerConfig.forModels(Path.of("m")).models()).isEqualTo(ServerConfig.Models.defaults());
    }

    @Test
    void bothComeFromTheEnvironment() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of("TANDEM_MODELS_RESCAN_SECONDS", "30", "TANDEM_MAX_MODELS", "8"));
        assertThat(c.models()).isEqualTo(new ServerConfig.Models(Duration.ofSeconds(30), 8));
        ServerConfig off = ServerConfig.fromEnvironment(Map.of("TANDEM_MODELS_RESCAN_SECONDS", "0"));
        assertThat(off.models().rescanning()).isFalse();
        assertThat(c.withCache(ServerConfig.Cache.off()).models()).as("kept by the with… copies").isEqualTo(c.models());
    }

    @Test
    void badValuesAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_MODELS_RESCAN_SECONDS", "-1")))
                .hasMessageContaining("TANDEM_MODELS_RESCAN_SECONDS must not be negative");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_MODELS_RESCAN_SECONDS", "soon")))
                .hasMessageContaining("TANDEM_MODELS_RESCAN_SECONDS must be a whole number");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TANDEM_MAX_MODELS", "0")))
                .hasMessageContaining("TANDEM_MAX_MODELS must be at least 1");
    }
}
