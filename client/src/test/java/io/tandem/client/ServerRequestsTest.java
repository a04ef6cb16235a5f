package io.tandem.client;

import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.task.ModelInput;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerRequestsTest {
    @Test
    void textGoesAsAString() {
        assertThat(ServerRequests.predictBody(ModelInput.text("héllo \"world\"\n")))
                .isEqualTo("{\"input\":\"héllo \\\"world\\\"\\n\"}");
    }

    @Test
    void featuresGoAsAnObjectWithNullForMissing() {
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("island", "Biscoe");
        record.put("bill_length_mm", 39.1);
        record.put("body_mass_g", 3750.0);
        record.put("sex", null);
        assertThat(ServerRequests.predictBody(ModelInput.features(record)))
                .isEqualTo("{\"input\":{\"island\":\"Biscoe\",\"bill_length_mm\":39.1,\"body_mass_g\":3750,\"sex\":null}}");
    }

    @Test
    void emptyTextIsStillAText() {
        assertThat(ServerRequests.predictBody(ModelInput.text(""))).isEqualTo("{\"input\":\"\"}");
    }

    @Test
    void imageGoesAsWidthHeightAndBase64Rgba() {
        byte[] rgba = new byte[2 * 3 * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i * 37);
        }
        String body = ServerRequests.predictBody(ModelInput.image(new RgbaImage(2, 3, rgba)));
        assertThat(body).isEqualTo("{\"input\":{\"width\":2,\"height\":3,\"data\":\""
                + Base64.getEncoder().encodeToString(rgba) + "\"}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) Json.parse(body)).get("input");
        assertThat(Base64.getDecoder().decode((String) input.get("data"))).isEqualTo(rgba);
    }

    @Test
    void canvasSizedImageRoundTrips() {
        byte[] rgba = new byte[280 * 280 * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i ^ (i >> 8));
        }
        String body = ServerRequests.predictBody(ModelInput.image(new RgbaImage(280, 280, rgba)));
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) Json.parse(body)).get("input");
        assertThat(input.get("width")).isEqualTo(280L);
        assertThat(Base64.getDecoder().decode((String) input.get("data"))).isEqualTo(rgba);
    }
}
