package io.tandem.server.cache;

import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PredictionCacheKeyTest {
    @Test
    void inputsDigestByKindAndContent() {
        assertThat(PredictionCache.sha256(ModelInput.text("a"))).isEqualTo(PredictionCache.sha256(ModelInput.text("a")))
                .isNotEqualTo(PredictionCache.sha256(ModelInput.text("b"))).hasSize(64);
        byte[] px = new byte[16];
        String wide = PredictionCache.sha256(ModelInput.image(new RgbaImage(4, 1, px)));
        String tall = PredictionCache.sha256(ModelInput.image(new RgbaImage(1, 4, px)));
        assertThat(wide).isNotEqualTo(tall);
    }

    @Test
    void theCacheIsBoundedByEstimatedBytes() {
        PredictionCache cache = new PredictionCache(new ServerConfig.Cache(200_000));
        List<Double> embedding = java.util.Collections.nCopies(384, 0.5);
        for (int i = 0; i < 1_000; i++) {
            cache.put(new PredictionCache.Key("m", "1", "fp32", Integer.toString(i)), embedding);
        }
        cache.caffeine().orElseThrow().cleanUp();
        long size = cache.caffeine().orElseThrow().estimatedSize();
        assertThat(size).isPositive().isLessThan(30);
        assertThat(new PredictionCache(ServerConfig.Cache.off()).enabled()).isFalse();
    }
}
