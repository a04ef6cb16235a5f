package io.tandem.server.cache;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputDigestTest {
    @Test
    void aLoneSurrogateAndTheQuestionMarkUtf8WouldMakeOfItAreDifferentKeys() {
        assertThat(InputDigest.of(ModelInput.text("T \ud800 x"))).isNotEqualTo(InputDigest.of(ModelInput.text("T ? x")));
        assertThat(InputDigest.of(ModelInput.text("\ud800"))).isNotEqualTo(InputDigest.of(ModelInput.text("\udbff")));
        assertThat(InputDigest.of(ModelInput.text("é"))).isEqualTo(InputDigest.of(ModelInput.text("é")));
    }

    @Test
    void recordsAreKeyedByExactNamesTypesAndValues() {
        assertThat(key("a", "1")).isNotEqualTo(key("a", 1.0));
        assertThat(key("a", 1.0)).isNotEqualTo(key("a", Math.nextUp(1.0)));
        assertThat(key("a", null)).isNotEqualTo(key("a", "null"));
        assertThat(key("ab", "c")).isNotEqualTo(key("a", "bc"));
        assertThat(key("a", 2.5)).isEqualTo(key("a", 2.5));
    }

    @Test
    void nonFiniteOutputsAreNeverCached() {
        PredictionCache cache = new PredictionCache(ServerConfig.Cache.defaults());
        PredictionCache.Key k = new PredictionCache.Key("m", "1", "fp32", "x");
        cache.put(k, List.of(0.5, Double.NaN));
        assertThat(cache.get(k)).isEmpty();
        cache.put(k, Map.of("score", Double.POSITIVE_INFINITY));
        assertThat(cache.get(k)).isEmpty();
        cache.put(k, List.of(0.5, 0.25));
        assertThat(cache.get(k)).isPresent();
    }

    private static String key(String name, Object value) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(name, value);
        return InputDigest.of(ModelInput.features(record));
    }
}
