package io.tandem.server.jobs.redis;

import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job's inputs come back from Redis as they were sent: text, image bytes, features with their number kinds. */
class InputCodecTest {
    @Test
    void everyKindOfInputRoundTrips() {
        byte[] rgba = new byte[2 * 3 * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i * 37 - 128);
        }
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("island", "Biscoe");
        features.put("bill_length_mm", 39.1);
        features.put("whole", 40.0);
        features.put("count", 3);
        features.put("sex", null);

        List<ModelInput> back = InputCodec.decode(InputCodec.encode(List.of(
                ModelInput.text("naïve \"quoted\"\n€"), ModelInput.image(new RgbaImage(2, 3, rgba)), ModelInput.features(features))));

        assertThat(back).hasSize(3);
        assertThat(back.get(0).text()).isEqualTo("naïve \"quoted\"\n€");
        assertThat(back.get(1).kind()).isEqualTo(InputKind.IMAGE);
        assertThat(back.get(1).image().width()).isEqualTo(2);
        assertThat(back.get(1).image().height()).isEqualTo(3);
        assertThat(back.get(1).image().rgba()).isEqualTo(rgba);
        assertThat(back.get(2).features()).containsExactlyEntriesOf(features);
        assertThat(back.get(2).features().get("whole")).isInstanceOf(Double.class);
    }

    @Test
    void somethingElseInTheFieldIsAClearError() {
        assertThatThrownBy(() -> InputCodec.decode("{\"text\": 1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> InputCodec.decode("[{\"audio\": 1}]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither text, image nor features");
    }
}
